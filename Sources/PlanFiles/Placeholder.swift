enum _PlaceholderPlanFiles {}
