#pragma once

#include "completionreply.h"
#include "eventstreamreader.h"
#include "failure.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace gloo {

// Reads a streamed chat completion ("stream": true): the events' chunks are
// put together into one reply as they arrive. The stream is complete when a
// choice names its finish_reason or the server sends "[DONE]"; either one is
// enough. An {"error": ...} event ends the answer with what arrived so far.
class CompletionStream
{
    Q_DECLARE_TR_FUNCTIONS(CompletionStream)

public:
    enum class State {
        Open,     // more is expected
        Complete, // finish_reason or [DONE] arrived
        Failed,   // the server sent an error event
    };

    // Reads the next piece of the body. Returns the text it added to the
    // answer, which may be empty.
    QString feed(const QByteArray &bytes);

    // The body has ended; reads an event whose closing blank line is
    // missing. Returns the text that added.
    QString finish();

    State state() const { return m_state; }
    bool isComplete() const { return m_state == State::Complete; }
    bool sawDone() const { return m_sawDone; }
    const CompletionReply &reply() const { return m_reply; }

    // The error event's JSON, when the server sent one.
    const QByteArray &errorEvent() const { return m_errorEvent; }
    // Events that were not JSON chunks; they are skipped.
    int skippedEvents() const { return m_skippedEvents; }

    // The failure an error event stands for, explained like an HTTP error
    // with the same envelope.
    static Failure errorEventFailure(const QByteArray &errorEvent, const FailureContext &context);

private:
    QString read(const QList<ServerSentEvent> &events);
    QString readChunk(const QByteArray &data);

    EventStreamReader m_reader;
    CompletionReply m_reply;
    State m_state = State::Open;
    QByteArray m_errorEvent;
    int m_skippedEvents = 0;
    bool m_sawDone = false;
};

} // namespace gloo
