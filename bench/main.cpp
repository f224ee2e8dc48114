// gloo-bench: Gloo Console's in-process benchmarks. Each subcommand prints
// "name value" lines (medians, in milliseconds unless the name says
// otherwise) for scripts/bench.sh to put into its table.

#include "benchsupport.h"

#include <QApplication>

#include <cstdio>

namespace gloo::bench {
int runHistoryBench(const QStringList &arguments);
int runRequestBench(const QStringList &arguments);
int runResponseBench(const QStringList &arguments);
int runStreamBench(const QStringList &arguments);
} // namespace gloo::bench

namespace {

const char usage[] =
    "usage: gloo-bench COMMAND [options]\n"
    "  request  --base-url URL --client-id ID --client-secret SECRET [--iterations N]\n"
    "           [--curl PATH]  also time the same two requests with curl, in turns\n"
    "           token exchange and one completion against a running gloo-sandbox\n"
    "  stream   [--events N] [--repeat N]   a streamed chat answer in the chat view\n"
    "  response [--megabytes N] [--repeat N] a large JSON answer in the request console\n"
    "  history  [--entries N] [--repeat N]  a long request history in its list\n";

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gloo-bench"));
    QStringList arguments = QCoreApplication::arguments().mid(1);
    const QString command = arguments.isEmpty() ? QString() : arguments.takeFirst();

    if (command == QLatin1String("request"))
        return gloo::bench::runRequestBench(arguments);
    if (command == QLatin1String("stream"))
        return gloo::bench::runStreamBench(arguments);
    if (command == QLatin1String("response"))
        return gloo::bench::runResponseBench(arguments);
    if (command == QLatin1String("history"))
        return gloo::bench::runHistoryBench(arguments);
    std::fputs(usage, stderr);
    return 2;
}
