import GRDB
import Crypto
import PlannerCore
