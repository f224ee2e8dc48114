#include "core/completionstream.h"
#include "core/eventstreamreader.h"

#include <QTest>

using gloo::CompletionStream;
using gloo::EventStreamReader;
using gloo::ServerSentEvent;
using Events = QList<ServerSentEvent>;
using Pieces = QList<QByteArray>;

Q_DECLARE_METATYPE(ServerSentEvent)
Q_DECLARE_METATYPE(CompletionStream::State)

namespace {

ServerSentEvent sse(const QString &data, const QString &type = {}, const QString &id = {})
{
    return {type, data, id};
}

Events readAll(const Pieces &pieces)
{
    EventStreamReader reader;
    Events events;
    for (const QByteArray &piece : pieces)
        events += reader.feed(piece);
    events += reader.finish();
    return events;
}

// The same body as the network might deliver it at its most unhelpful.
Pieces oneByteAtATime(const Pieces &pieces)
{
    const QByteArray body = pieces.join();
    Pieces bytes;
    for (const char byte : body)
        bytes.append(QByteArray(1, byte));
    return bytes;
}

QByteArray chunk(const QString &content, const QString &finishReason = {})
{
    const QString finish = finishReason.isEmpty() ? QStringLiteral("null")
                                                  : QStringLiteral("\"%1\"").arg(finishReason);
    return QStringLiteral("data: {\"model\":\"gloo-test\",\"routing_tier\":\"fast\",\"choices\":"
                          "[{\"index\":0,\"delta\":{\"content\":\"%1\"},\"finish_reason\":%2}]}"
                          "\n\n")
        .arg(content, finish)
        .toUtf8();
}

const QByteArray roleChunk = QByteArrayLiteral(
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
    "\"finish_reason\":null}]}\n\n");
const QByteArray done = QByteArrayLiteral("data: [DONE]\n\n");
const QByteArray errorEvent = QByteArrayLiteral(
    "data: {\"error\":{\"type\":\"service_unavailable_error\",\"code\":2002,\"fault\":"
    "\"provider\",\"retryable\":true,\"message\":\"The provider stopped.\",\"request_id\":"
    "\"req-42\",\"trace_id\":\"trace-42\"}}\n\n");

} // namespace

// The server-sent events reader, and the completion stream built on it, fed
// every shape of body a server or a network can produce.
class TestEventStreamReader : public QObject
{
    Q_OBJECT

private slots:
    void readsEvents_data();
    void readsEvents();
    void readsEventsFedOneByteAtATime_data() { readsEvents_data(); }
    void readsEventsFedOneByteAtATime();
    void pendingDataIsReported();

    void assemblesCompletion_data();
    void assemblesCompletion();
    void assemblesCompletionFedOneByteAtATime_data() { assemblesCompletion_data(); }
    void assemblesCompletionFedOneByteAtATime();
    void textIsReportedAsItArrives();
    void usageAndRoutingAreRead();
    void errorEventIsExplainedWithItsIds();
};

void TestEventStreamReader::readsEvents_data()
{
    QTest::addColumn<Pieces>("pieces");
    QTest::addColumn<Events>("expected");

    QTest::newRow("one event, \\n line ends") << Pieces{"data: hello\n\n"} << Events{sse("hello")};
    QTest::newRow("\\r\\n line ends") << Pieces{"data: hello\r\n\r\n"} << Events{sse("hello")};
    QTest::newRow("\\r line ends")
        << Pieces{"data: a\r\rdata: b\r\r"} << Events{sse("a"), sse("b")};
    QTest::newRow("\\r\\n split between reads")
        << Pieces{"data: a\r", "\n\r", "\ndata: b\r\n\r\n"} << Events{sse("a"), sse("b")};
    QTest::newRow("comment lines are skipped")
        << Pieces{": keep-alive\n\n:\ndata: x\n: between\n\n"} << Events{sse("x")};
    QTest::newRow("multi-line data joined with \\n")
        << Pieces{"data: first\ndata: second\ndata:\n\n"} << Events{sse("first\nsecond\n")};
    QTest::newRow("no space after the colon") << Pieces{"data:x\n\n"} << Events{sse("x")};
    QTest::newRow("only one leading space is removed")
        << Pieces{"data:  x\n\n"} << Events{sse(" x")};
    QTest::newRow("event type and id")
        << Pieces{"event: update\nid: 7\ndata: x\n\n"} << Events{sse("x", "update", "7")};
    QTest::newRow("type resets after each event, id stays")
        << Pieces{"event: a\nid: 1\ndata: x\n\ndata: y\n\n"}
        << Events{sse("x", "a", "1"), sse("y", {}, "1")};
    QTest::newRow("UTF-8 character split between reads")
        << Pieces{"data: caf\xC3", "\xA9 \xF0\x9F", "\x99\x8F", "\n\n"}
        << Events{sse(QStringLiteral("café 🙏"))};
    QTest::newRow("event split at odd places")
        << Pieces{"da", "ta: {\"a\"", ":1}", "\n", "\n"} << Events{sse("{\"a\":1}")};
    QTest::newRow("two events in one read")
        << Pieces{"data: 1\n\ndata: 2\n\n"} << Events{sse("1"), sse("2")};
    QTest::newRow("last event without its blank line is kept at the end")
        << Pieces{"data: 1\n\ndata: 2\n"} << Events{sse("1"), sse("2")};
    QTest::newRow("line cut off at the end is dropped")
        << Pieces{"data: 1\n\ndata: {\"cut"} << Events{sse("1")};
    QTest::newRow("byte order mark at the start") << Pieces{"\xEF\xBB", "\xBF"
                                                                        "data: x\n\n"}
                                                  << Events{sse("x")};
    QTest::newRow("event without data is no event")
        << Pieces{"event: ping\n\ndata: x\n\n"} << Events{sse("x")};
    QTest::newRow("field without colon") << Pieces{"data\n\n"} << Events{sse("")};
    QTest::newRow("unknown fields and retry are ignored")
        << Pieces{"retry: 1000\nfoo: bar\ndata: x\n\n"} << Events{sse("x")};
    QTest::newRow("[DONE] is an ordinary event here")
        << Pieces{"data: [DONE]\n\n"} << Events{sse("[DONE]")};
    QTest::newRow("blank lines alone make no events") << Pieces{"\n\n\r\n\r\r"} << Events{};
    QTest::newRow("empty body") << Pieces{} << Events{};
}

void TestEventStreamReader::readsEvents()
{
    QFETCH(Pieces, pieces);
    QFETCH(Events, expected);
    QCOMPARE(readAll(pieces), expected);
}

void TestEventStreamReader::readsEventsFedOneByteAtATime()
{
    QFETCH(Pieces, pieces);
    QFETCH(Events, expected);
    QCOMPARE(readAll(oneByteAtATime(pieces)), expected);
}

void TestEventStreamReader::pendingDataIsReported()
{
    EventStreamReader reader;
    QVERIFY(!reader.hasPendingData());
    QVERIFY(reader.feed("data: x").isEmpty());
    QVERIFY(reader.hasPendingData());
    QVERIFY(reader.feed("\n").isEmpty());
    QVERIFY(reader.hasPendingData());
    QCOMPARE(reader.feed("\n"), Events{sse("x")});
    QVERIFY(!reader.hasPendingData());
}

void TestEventStreamReader::assemblesCompletion_data()
{
    QTest::addColumn<Pieces>("pieces");
    QTest::addColumn<QString>("content");
    QTest::addColumn<CompletionStream::State>("state");
    QTest::addColumn<bool>("sawDone");
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<int>("skipped");

    using State = CompletionStream::State;
    QTest::newRow("finish_reason and a final [DONE]")
        << Pieces{roleChunk, chunk("Hel"), chunk("lo"), chunk("", "stop"), done}
        << QStringLiteral("Hello") << State::Complete << true << QStringLiteral("stop") << 0;
    QTest::newRow("finish_reason without [DONE]")
        << Pieces{roleChunk, chunk("Hel"), chunk("lo", "length")} << QStringLiteral("Hello")
        << State::Complete << false << QStringLiteral("length") << 0;
    QTest::newRow("[DONE] without finish_reason")
        << Pieces{chunk("Hi"), done} << QStringLiteral("Hi") << State::Complete << true << QString()
        << 0;
    QTest::newRow("nothing counts after [DONE]")
        << Pieces{chunk("Hi", "stop"), done, chunk(" more")} << QStringLiteral("Hi")
        << State::Complete << true << QStringLiteral("stop") << 0;
    QTest::newRow("error event mid-answer keeps what arrived")
        << Pieces{roleChunk, chunk("Par"), chunk("tial"), errorEvent, chunk(" lost")}
        << QStringLiteral("Partial") << State::Failed << false << QString() << 0;
    QTest::newRow("connection dropped mid-answer")
        << Pieces{roleChunk, chunk("Par"), QByteArray(chunk("tial")).chopped(5)}
        << QStringLiteral("Par") << State::Open << false << QString() << 0;
    QTest::newRow("\\r\\n line ends and comments")
        << Pieces{": hello\r\n\r\n", QByteArray(chunk("A")).replace("\n", "\r\n"),
                  QByteArray(chunk("B", "stop")).replace("\n", "\r\n")}
        << QStringLiteral("AB") << State::Complete << false << QStringLiteral("stop") << 0;
    QTest::newRow("JSON spread over several data lines")
        << Pieces{"data: {\"choices\":[{\"index\":0,\ndata: \"delta\":{\"content\":\"Hi\"},"
                  "\ndata: \"finish_reason\":\"stop\"}]}\n\n"}
        << QStringLiteral("Hi") << State::Complete << false << QStringLiteral("stop") << 0;
    QTest::newRow("event that is not JSON is skipped")
        << Pieces{"data: not json\n\n", chunk("ok", "stop")} << QStringLiteral("ok")
        << State::Complete << false << QStringLiteral("stop") << 1;
    // Cut between the second and third byte of the four-byte 🙏.
    const QByteArray grace = chunk(QStringLiteral("Grâce 🙏"));
    const qsizetype cut = grace.indexOf("\xF0") + 2;
    QTest::newRow("multi-byte text split across reads")
        << Pieces{grace.left(cut), grace.mid(cut), chunk("", "stop")} << QStringLiteral("Grâce 🙏")
        << State::Complete << false << QStringLiteral("stop") << 0;
}

void TestEventStreamReader::assemblesCompletion()
{
    QFETCH(Pieces, pieces);
    QFETCH(QString, content);
    QFETCH(CompletionStream::State, state);
    QFETCH(bool, sawDone);
    QFETCH(QString, finishReason);
    QFETCH(int, skipped);

    CompletionStream stream;
    QString added;
    for (const QByteArray &piece : pieces)
        added += stream.feed(piece);
    added += stream.finish();

    QCOMPARE(stream.reply().content, content);
    QCOMPARE(added, content);
    QCOMPARE(stream.state(), state);
    QCOMPARE(stream.sawDone(), sawDone);
    QCOMPARE(stream.reply().finishReason, finishReason);
    QCOMPARE(stream.skippedEvents(), skipped);
    QCOMPARE(stream.errorEvent().isEmpty(), state != CompletionStream::State::Failed);
}

void TestEventStreamReader::assemblesCompletionFedOneByteAtATime()
{
    QFETCH(Pieces, pieces);
    QFETCH(QString, content);
    QFETCH(CompletionStream::State, state);

    CompletionStream stream;
    for (const QByteArray &piece : oneByteAtATime(pieces))
        stream.feed(piece);
    stream.finish();
    QCOMPARE(stream.reply().content, content);
    QCOMPARE(stream.state(), state);
}

void TestEventStreamReader::textIsReportedAsItArrives()
{
    CompletionStream stream;
    QCOMPARE(stream.feed(roleChunk), QString());
    QCOMPARE(stream.feed(chunk("The")), QStringLiteral("The"));
    QCOMPARE(stream.feed(chunk(" answer").left(20)), QString());
    QCOMPARE(stream.feed(chunk(" answer").mid(20)), QStringLiteral(" answer"));
    QCOMPARE(stream.state(), CompletionStream::State::Open);
    QCOMPARE(stream.feed(chunk("", "stop")), QString());
    QCOMPARE(stream.state(), CompletionStream::State::Complete);
}

void TestEventStreamReader::usageAndRoutingAreRead()
{
    CompletionStream stream;
    stream.feed(QByteArrayLiteral(
        "data: {\"model\":\"gloo-google-gemini-2.5-flash\",\"provider\":\"google\","
        "\"routing_mechanism\":\"auto_routing\",\"routing_tier\":\"fast\","
        "\"routing_confidence\":0.92,\"usage\":null,\"choices\":[{\"index\":0,\"delta\":"
        "{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\n"
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":1,"
        "\"total_tokens\":13}}\n\ndata: [DONE]\n\n"));
    const gloo::CompletionReply &reply = stream.reply();
    QCOMPARE(reply.model, QStringLiteral("gloo-google-gemini-2.5-flash"));
    QCOMPARE(reply.provider, QStringLiteral("google"));
    QCOMPARE(reply.routingMechanism, QStringLiteral("auto_routing"));
    QCOMPARE(reply.routingTier, QStringLiteral("fast"));
    QCOMPARE(reply.routingConfidence, 0.92);
    QCOMPARE(reply.usage.promptTokens, 12);
    QCOMPARE(reply.usage.completionTokens, 1);
    QCOMPARE(reply.usage.totalTokens, 13);
}

void TestEventStreamReader::errorEventIsExplainedWithItsIds()
{
    CompletionStream stream;
    stream.feed(chunk("Par") + errorEvent);
    QCOMPARE(stream.state(), CompletionStream::State::Failed);

    const gloo::Failure failure = CompletionStream::errorEventFailure(stream.errorEvent(), {});
    QCOMPARE(failure.kind, gloo::Failure::Kind::ServerError);
    QCOMPARE(failure.message, QStringLiteral("The server reported an error in the middle of the "
                                             "answer: The provider stopped."));
    QCOMPARE(failure.requestId, QStringLiteral("req-42"));
    QCOMPARE(failure.traceId, QStringLiteral("trace-42"));
    QCOMPARE(failure.fault, QStringLiteral("provider"));
    QCOMPARE(failure.retryable, gloo::Failure::Retry::Yes);
}

QTEST_GUILESS_MAIN(TestEventStreamReader)
#include "tst_eventstreamreader.moc"
