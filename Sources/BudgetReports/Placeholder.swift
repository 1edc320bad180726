enum _PlaceholderBudgetReports {}
