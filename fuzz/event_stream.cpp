// Feeds arbitrary bytes to the server-sent events reader, once whole and
// once cut into pieces chosen by the input itself. A network may split a
// stream anywhere, so both must give the same events, and the reader must
// never crash on bytes no server should send.

#include "core/eventstreamreader.h"
#include "fuzzsupport.h"

namespace {

QList<gloo::ServerSentEvent> readAll(const QByteArray &body, const QList<int> &cuts)
{
    gloo::EventStreamReader reader;
    QList<gloo::ServerSentEvent> events;
    int start = 0;
    for (int cut : cuts) {
        events += reader.feed(body.mid(start, cut - start));
        start = cut;
    }
    events += reader.feed(body.mid(start));
    events += reader.finish();
    GLOO_FUZZ_CHECK(!reader.hasPendingData());
    return events;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;

    // The first byte seeds where the body is cut; the rest is the body.
    const unsigned seed = data[0];
    const QByteArray body = gloo::fuzz::toByteArray(data + 1, size - 1);

    QList<int> cuts;
    unsigned step = seed % 7 + 1;
    for (int position = int(step); position < body.size(); position += int(step)) {
        cuts.append(position);
        step = (step * 5 + seed) % 11 + 1;
    }

    const QList<gloo::ServerSentEvent> whole = readAll(body, {});
    const QList<gloo::ServerSentEvent> pieces = readAll(body, cuts);
    GLOO_FUZZ_CHECK(whole == pieces);

    // A reader that was reset behaves like a new one.
    gloo::EventStreamReader reused;
    reused.feed(body.left(body.size() / 2));
    reused.reset();
    QList<gloo::ServerSentEvent> again = reused.feed(body);
    again += reused.finish();
    GLOO_FUZZ_CHECK(again == whole);
    return 0;
}
