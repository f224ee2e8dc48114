#pragma once

#include "textlines.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace gloo {

// One value of a JSON text, located by byte ranges in that text, so that a
// tree of a large document costs a few integers per value rather than copies
// of its strings.
struct JsonNode
{
    enum class Type : quint8 { Object, Array, String, Number, Bool, Null };

    Type type = Type::Null;
    int parent = -1;
    // The member name (without quotes, still escaped) of an object member.
    qsizetype keyStart = -1;
    int keyLength = 0;
    // A scalar's text as written (a string without its quotes, still escaped).
    qsizetype valueStart = -1;
    int valueLength = 0;
    QList<int> children;
};

// A JSON text's values in document order; node 0 is the top-level value.
struct JsonOutline
{
    QByteArray source;
    QList<JsonNode> nodes;

    QString key(int node) const;
    // A scalar's value for display: strings unescaped, at most maxChars long.
    QString scalarText(int node, int maxChars = 2000) const;
};

struct JsonFormatResult
{
    bool valid = false;
    bool cancelled = false;
    // Where the text stops being JSON, in bytes, and what is wrong there.
    qsizetype errorOffset = -1;
    QString errorMessage;
    // Indented text, keys in the order the server wrote them.
    QString pretty;
    // The same text with its lines indexed, ready for a viewer; made on the
    // thread that formats, so that showing it costs the window nothing.
    TextLines prettyLines;
    std::shared_ptr<const JsonOutline> outline;
};

// Re-indents JSON without reordering it: QJsonDocument sorts object keys,
// which makes a server's answer harder to read than the server meant it.
// Strings are copied as written, escapes included.
class JsonFormatter
{
    Q_DECLARE_TR_FUNCTIONS(JsonFormatter)

public:
    struct Options
    {
        int indent = 2;
        bool pretty = true;
        bool outline = false;
    };

    // Called now and then with the share of the text read so far (0 to 100);
    // returning false stops the work and gives a cancelled result.
    using Progress = std::function<bool(int percent)>;

    static JsonFormatResult format(const QByteArray &json, const Options &options,
                                   const Progress &progress = {});
    static JsonFormatResult format(const QByteArray &json) { return format(json, Options()); }

    // Decodes the escapes of a JSON string's contents (without its quotes).
    static QString unescape(QByteArrayView escaped);
};

} // namespace gloo
