#pragma once

#include <QLoggingCategory>

// One logging category per component. Log events with context; never log a
// secret, an access token, an Authorization header or a request body.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)
