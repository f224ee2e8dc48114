#include "logging.h"

Q_LOGGING_CATEGORY(lcAuth, "gloo.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "gloo.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeychain, "gloo.keychain", QtInfoMsg)
