#include "fuzzsupport.h"

#include <QtGlobal>

#include <cstdio>
#include <cstdlib>

namespace gloo::fuzz {

QByteArray toByteArray(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

void propertyFailed(const char *expression, const char *file, int line)
{
    std::fprintf(stderr, "%s:%d: property does not hold: %s\n", file, line, expression);
    std::abort();
}

} // namespace gloo::fuzz

// The code under test logs rejected input; millions of log lines would slow
// fuzzing to a crawl and hide the report that matters. Fatal messages still
// abort, because Qt aborts after the handler returns.
static void discardMessage(QtMsgType, const QMessageLogContext &, const QString &) { }

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qInstallMessageHandler(discardMessage);
    return 0;
}
