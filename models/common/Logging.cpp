#include "common/Logging.h"

Q_LOGGING_CATEGORY(lcStore, "telcodesk.store")
Q_LOGGING_CATEGORY(lcSync, "telcodesk.sync")
Q_LOGGING_CATEGORY(lcSearch, "telcodesk.search")
Q_LOGGING_CATEGORY(lcDemo, "telcodesk.demo")
Q_LOGGING_CATEGORY(lcSecurity, "telcodesk.security")
Q_LOGGING_CATEGORY(lcServices, "telcodesk.services")
