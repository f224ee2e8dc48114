#include "uilogging.h"

Q_LOGGING_CATEGORY(lcUi, "gloo.ui", QtInfoMsg)
