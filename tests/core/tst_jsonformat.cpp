#include "core/jsonformat.h"
#include "core/jsonformatjob.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using gloo::JsonFormatter;
using gloo::JsonNode;

class TestJsonFormat : public QObject
{
    Q_OBJECT

private slots:
    void indentsAndKeepsTheServersKeyOrder_data();
    void indentsAndKeepsTheServersKeyOrder();
    void reportsWhereTheTextStopsBeingJson_data();
    void reportsWhereTheTextStopsBeingJson();
    void outlineNamesEveryValue();
    void unescapesStringsForDisplay_data();
    void unescapesStringsForDisplay();
    void longScalarsAreCutForDisplay();
    void progressCanStopTheWork();
    void jobFormatsOnAnotherThreadAndReportsBack();
    void deletingAJobInFlightDeliversNothing();
    void prettyTextComesWithItsLines();
    void lineIndexFindsLinesAndGrows();
};

void TestJsonFormat::indentsAndKeepsTheServersKeyOrder_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("keys stay in order") << QByteArray(R"({"zeta":1,"alpha":2})")
                                        << QStringLiteral("{\n  \"zeta\": 1,\n  \"alpha\": 2\n}");
    QTest::newRow("nested") << QByteArray(R"({"a":[1,{"b":null}]})")
                            << QStringLiteral("{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n"
                                              "    }\n  ]\n}");
    QTest::newRow("empty containers stay short")
        << QByteArray(R"({"o":{},"a":[ ]})") << QStringLiteral("{\n  \"o\": {},\n  \"a\": []\n}");
    QTest::newRow("strings are copied with their escapes")
        << QByteArray(R"(["a\"b\\n\u00fc","x , y: {z}"])")
        << QStringLiteral("[\n  \"a\\\"b\\\\n\\u00fc\",\n  \"x , y: {z}\"\n]");
    QTest::newRow("whitespace is replaced")
        << QByteArray(" \r\n{ \"k\" :\ttrue } \n") << QStringLiteral("{\n  \"k\": true\n}");
    QTest::newRow("numbers as written") << QByteArray("[-0.5e+10,0,12.25E-3]")
                                        << QStringLiteral("[\n  -0.5e+10,\n  0,\n  12.25E-3\n]");
    QTest::newRow("a scalar alone") << QByteArray("\"only\"") << QStringLiteral("\"only\"");
    QTest::newRow("utf-8") << QByteArray("{\"grüße\":\"日本\"}")
                           << QStringLiteral("{\n  \"grüße\": \"日本\"\n}");
}

void TestJsonFormat::indentsAndKeepsTheServersKeyOrder()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    const gloo::JsonFormatResult result = JsonFormatter::format(input);
    QVERIFY2(result.valid, qPrintable(result.errorMessage));
    QCOMPARE(result.pretty, expected);
}

void TestJsonFormat::reportsWhereTheTextStopsBeingJson_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QByteArray("  ") << 2 << QStringLiteral("There is no JSON value.");
    QTest::newRow("missing value")
        << QByteArray(R"({"a":})") << 5 << QStringLiteral("Unexpected character '}'.");
    QTest::newRow("trailing comma")
        << QByteArray("[1,]") << 3 << QStringLiteral("Unexpected character ']'.");
    QTest::newRow("missing colon")
        << QByteArray(R"({"a" 1})") << 5 << QStringLiteral("Expected ':' after the member name.");
    QTest::newRow("unquoted name")
        << QByteArray("{a:1}") << 1 << QStringLiteral("Expected a member name in double quotes.");
    QTest::newRow("unterminated string")
        << QByteArray("[\"abc") << 5 << QStringLiteral("The string has no closing quote.");
    QTest::newRow("text after the value") << QByteArray("{} x") << 3
                                          << QStringLiteral("Unexpected text after the JSON "
                                                            "value.");
    QTest::newRow("leading zero") << QByteArray("01") << 1
                                  << QStringLiteral("Unexpected text after the JSON value.");
    QTest::newRow("raw newline in a string") << QByteArray("\"a\nb\"") << 2
                                             << QStringLiteral("A control character must be "
                                                               "escaped in a string.");
    QTest::newRow("unknown escape")
        << QByteArray(R"("\x")") << 2 << QStringLiteral("Unknown escape '\\x'.");
    QTest::newRow("short unicode escape")
        << QByteArray(R"("\u12")") << 3 << QStringLiteral("\\u needs four hexadecimal digits.");
    QTest::newRow("misspelt literal")
        << QByteArray("[tru]") << 1 << QStringLiteral("Unexpected character 't'.");
    QTest::newRow("bare minus") << QByteArray("-") << 1 << QStringLiteral("A number needs digits.");
    QTest::newRow("missing bracket")
        << QByteArray("[1 2]") << 3 << QStringLiteral("Expected ',' or ']' in the array.");
    QTest::newRow("too deep") << QByteArray(600, '[') << 512
                              << QStringLiteral("The JSON is nested too deeply.");
}

void TestJsonFormat::reportsWhereTheTextStopsBeingJson()
{
    QFETCH(QByteArray, input);
    QFETCH(int, offset);
    QFETCH(QString, message);
    const gloo::JsonFormatResult result = JsonFormatter::format(input);
    QVERIFY(!result.valid);
    QVERIFY(!result.cancelled);
    QCOMPARE(result.errorMessage, message);
    QCOMPARE(result.errorOffset, qsizetype(offset));
    QVERIFY(result.pretty.isEmpty());
}

void TestJsonFormat::outlineNamesEveryValue()
{
    JsonFormatter::Options options;
    options.pretty = false;
    options.outline = true;
    const gloo::JsonFormatResult result = JsonFormatter::format(
        R"({"id":"x1","choices":[{"n":1},{"n":2}],"ok":true,"none":null})", options);
    QVERIFY(result.valid);
    QVERIFY(result.pretty.isEmpty());
    const gloo::JsonOutline &outline = *result.outline;

    const JsonNode &root = outline.nodes.at(0);
    QCOMPARE(root.type, JsonNode::Type::Object);
    QCOMPARE(root.children.size(), 4);
    QStringList keys;
    for (int child : root.children)
        keys << outline.key(child);
    QCOMPARE(keys, QStringList({"id", "choices", "ok", "none"}));

    const int choices = root.children.at(1);
    QCOMPARE(outline.nodes.at(choices).type, JsonNode::Type::Array);
    QCOMPARE(outline.nodes.at(choices).children.size(), 2);
    const int second = outline.nodes.at(choices).children.at(1);
    QCOMPARE(outline.nodes.at(second).parent, choices);
    QVERIFY(outline.key(second).isEmpty());
    const int n = outline.nodes.at(second).children.at(0);
    QCOMPARE(outline.key(n), QStringLiteral("n"));
    QCOMPARE(outline.scalarText(n), QStringLiteral("2"));
    QCOMPARE(outline.nodes.at(n).type, JsonNode::Type::Number);

    QCOMPARE(outline.scalarText(root.children.at(0)), QStringLiteral("x1"));
    QCOMPARE(outline.nodes.at(root.children.at(2)).type, JsonNode::Type::Bool);
    QCOMPARE(outline.scalarText(root.children.at(2)), QStringLiteral("true"));
    QCOMPARE(outline.nodes.at(root.children.at(3)).type, JsonNode::Type::Null);
}

void TestJsonFormat::unescapesStringsForDisplay_data()
{
    QTest::addColumn<QByteArray>("escaped");
    QTest::addColumn<QString>("text");

    QTest::newRow("plain") << QByteArray("abc") << QStringLiteral("abc");
    QTest::newRow("quote and backslash")
        << QByteArray(R"(a\"b\\c\/d)") << QStringLiteral("a\"b\\c/d");
    QTest::newRow("control escapes")
        << QByteArray(R"(1\n2\t3\r\b\f)") << QStringLiteral("1\n2\t3\r\b\f");
    QTest::newRow("unicode escape") << QByteArray(R"(gr\u00fc\u00DFe)") << QStringLiteral("grüße");
    QTest::newRow("surrogate pair")
        << QByteArray(R"(\ud83d\ude00!)") << QString::fromUtf8("\xF0\x9F\x98\x80!");
    QTest::newRow("utf-8 as is") << QByteArray("日本") << QStringLiteral("日本");
}

void TestJsonFormat::unescapesStringsForDisplay()
{
    QFETCH(QByteArray, escaped);
    QFETCH(QString, text);
    QCOMPARE(JsonFormatter::unescape(escaped), text);
}

void TestJsonFormat::longScalarsAreCutForDisplay()
{
    JsonFormatter::Options options;
    options.outline = true;
    const QByteArray json = "[\"" + QByteArray(100000, 'a') + "\"]";
    const gloo::JsonFormatResult result = JsonFormatter::format(json, options);
    QVERIFY(result.valid);
    const QString shown = result.outline->scalarText(1, 50);
    QCOMPARE(shown, QString(50, QLatin1Char('a')) + QStringLiteral("…"));
}

void TestJsonFormat::progressCanStopTheWork()
{
    QByteArray json = "[";
    for (int i = 0; i < 400000; ++i)
        json += "1234,";
    json += "0]";
    QList<int> seen;
    const gloo::JsonFormatResult result = JsonFormatter::format(json, JsonFormatter::Options(),
                                                                [&seen](int percent) {
                                                                    seen << percent;
                                                                    return seen.size() < 1;
                                                                });
    QVERIFY(!result.valid);
    QVERIFY(result.cancelled);
    QCOMPARE(seen.size(), 1);
    QVERIFY(seen.first() > 0 && seen.first() < 100);
    QVERIFY(result.pretty.isEmpty());
}

void TestJsonFormat::jobFormatsOnAnotherThreadAndReportsBack()
{
    QByteArray json = "{\"items\":[";
    for (int i = 0; i < 200000; ++i)
        json += "{\"i\":" + QByteArray::number(i) + "},";
    json += "{}]}";
    QVERIFY(json.size() > 2 * 1024 * 1024);

    gloo::JsonFormatJob job;
    QSignalSpy progressed(&job, &gloo::JsonFormatJob::progressed);
    QSignalSpy finished(&job, &gloo::JsonFormatJob::finished);
    QThread *deliveredOn = nullptr;
    connect(&job, &gloo::JsonFormatJob::finished, this,
            [&deliveredOn] { deliveredOn = QThread::currentThread(); });
    job.start(json, JsonFormatter::Options());
    QVERIFY(job.isRunning());
    QVERIFY(finished.wait(20000));

    QCOMPARE(finished.size(), 1);
    QCOMPARE(deliveredOn, QThread::currentThread());
    QVERIFY(!job.isRunning());
    QVERIFY(progressed.size() >= 1);
    const auto result = finished.first().first().value<gloo::JsonFormatResult>();
    QVERIFY(result.valid);
    QVERIFY(result.pretty.startsWith(QStringLiteral("{\n  \"items\": [\n    {\n      \"i\": 0")));
    QVERIFY(result.pretty.endsWith(QStringLiteral("    {}\n  ]\n}")));
}

void TestJsonFormat::deletingAJobInFlightDeliversNothing()
{
    QByteArray json = "[";
    for (int i = 0; i < 500000; ++i)
        json += "\"value\",";
    json += "1]";
    int delivered = 0;
    {
        gloo::JsonFormatJob job;
        connect(&job, &gloo::JsonFormatJob::finished, this, [&delivered] { ++delivered; });
        job.start(json, JsonFormatter::Options());
    }
    gloo::JsonFormatJob restarted;
    QSignalSpy finished(&restarted, &gloo::JsonFormatJob::finished);
    restarted.start(json, JsonFormatter::Options());
    restarted.start("[2]", JsonFormatter::Options());
    QVERIFY(finished.wait(20000));
    QTest::qWait(200);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<gloo::JsonFormatResult>().pretty,
             QStringLiteral("[\n  2\n]"));
    QCOMPARE(delivered, 0);
}

void TestJsonFormat::prettyTextComesWithItsLines()
{
    const gloo::JsonFormatResult result = gloo::JsonFormatter::format(
        R"({"a":[1,2],"long key with ümlaut":"value"})");
    QVERIFY(result.valid);
    const gloo::TextLines &lines = result.prettyLines;
    QCOMPARE(lines.text(), result.pretty);
    const QStringList expected = result.pretty.split(QLatin1Char('\n'));
    QCOMPARE(lines.lineCount(), expected.size());
    qsizetype longest = 0;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(lines.line(i).toString(), expected.at(i));
        longest = qMax(longest, expected.at(i).size());
    }
    QCOMPARE(lines.longestLine(), longest);
    QCOMPARE(lines.line(lines.lineCount() - 1).toString(), QStringLiteral("}"));
}

void TestJsonFormat::lineIndexFindsLinesAndGrows()
{
    gloo::TextLines empty;
    QCOMPARE(empty.lineCount(), 1);
    QCOMPARE(empty.lineLength(0), 0);
    QCOMPARE(empty.lineAt(0), 0);

    gloo::TextLines lines(QStringLiteral("ab\n\ncdef"));
    QCOMPARE(lines.lineCount(), 3);
    QCOMPARE(lines.line(0).toString(), QStringLiteral("ab"));
    QCOMPARE(lines.line(1).toString(), QString());
    QCOMPARE(lines.line(2).toString(), QStringLiteral("cdef"));
    QCOMPARE(lines.lineAt(0), 0);
    // The line break belongs to the line it ends.
    QCOMPARE(lines.lineAt(2), 0);
    QCOMPARE(lines.lineAt(3), 1);
    QCOMPARE(lines.lineAt(4), 2);
    QCOMPARE(lines.lineAt(lines.size()), 2);
    QCOMPARE(lines.longestLine(), 4);

    // Appending continues the last line, then adds new ones.
    lines.append(u"gh\nlonger line");
    QCOMPARE(lines.lineCount(), 4);
    QCOMPARE(lines.line(2).toString(), QStringLiteral("cdefgh"));
    QCOMPARE(lines.line(3).toString(), QStringLiteral("longer line"));
    QCOMPARE(lines.longestLine(), 11);
    QCOMPARE(lines.text(), QStringLiteral("ab\n\ncdefgh\nlonger line"));

    lines.clear();
    QCOMPARE(lines.lineCount(), 1);
    QVERIFY(lines.isEmpty());
}

QTEST_GUILESS_MAIN(TestJsonFormat)
#include "tst_jsonformat.moc"
