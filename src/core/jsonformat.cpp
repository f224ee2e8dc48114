#include "jsonformat.h"

namespace gloo {

namespace {

// Deeper documents are refused rather than risking the stack; real API
// answers nest a handful of levels.
constexpr int maxDepth = 512;
constexpr qsizetype progressStep = 1 << 20;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

class Parser
{
public:
    Parser(const QByteArray &source, const JsonFormatter::Options &options,
           const JsonFormatter::Progress &progress, JsonOutline *outline)
        : m_begin(source.constData())
        , m_p(source.constData())
        , m_end(source.constData() + source.size())
        , m_options(options)
        , m_progress(progress)
        , m_outline(outline)
    {
        if (m_options.pretty)
            m_out.reserve(source.size() + source.size() / 2);
    }

    bool run()
    {
        skipSpace();
        if (m_p == m_end)
            return fail(JsonFormatter::tr("There is no JSON value."));
        if (!value(-1, -1, 0, 0))
            return false;
        skipSpace();
        if (m_p != m_end)
            return fail(JsonFormatter::tr("Unexpected text after the JSON value."));
        return true;
    }

    QByteArray &output() { return m_out; }
    qsizetype errorOffset() const { return m_errorOffset; }
    const QString &errorMessage() const { return m_errorMessage; }
    bool cancelled() const { return m_cancelled; }

private:
    bool fail(const QString &message)
    {
        if (m_errorOffset < 0) {
            m_errorOffset = m_p - m_begin;
            m_errorMessage = message;
        }
        return false;
    }

    void skipSpace()
    {
        while (m_p != m_end && isSpace(*m_p))
            ++m_p;
    }

    void newline(int level)
    {
        if (!m_options.pretty)
            return;
        m_out.append('\n');
        m_out.append(qsizetype(level) * m_options.indent, ' ');
    }

    void write(const char *from, qsizetype length)
    {
        if (m_options.pretty)
            m_out.append(from, length);
    }

    int addNode(JsonNode::Type type, int parent, qsizetype keyStart, int keyLength)
    {
        if (!m_outline)
            return -1;
        JsonNode node;
        node.type = type;
        node.parent = parent;
        node.keyStart = keyStart;
        node.keyLength = keyLength;
        const int index = int(m_outline->nodes.size());
        m_outline->nodes.append(node);
        if (parent >= 0)
            m_outline->nodes[parent].children.append(index);
        return index;
    }

    void setScalar(int node, const char *start, qsizetype length)
    {
        if (node < 0)
            return;
        m_outline->nodes[node].valueStart = start - m_begin;
        m_outline->nodes[node].valueLength = int(length);
    }

    bool keepGoing()
    {
        if (m_p - m_begin < m_nextProgress)
            return true;
        m_nextProgress = (m_p - m_begin) + progressStep;
        if (m_progress && !m_progress(int((m_p - m_begin) * 100 / (m_end - m_begin)))) {
            m_cancelled = true;
            return fail(JsonFormatter::tr("Cancelled."));
        }
        return true;
    }

    bool value(int parent, qsizetype keyStart, int keyLength, int level)
    {
        if (!keepGoing())
            return false;
        if (m_p == m_end)
            return fail(JsonFormatter::tr("The text ends where a value should be."));
        switch (*m_p) {
        case '{':
            return object(addNode(JsonNode::Type::Object, parent, keyStart, keyLength), level);
        case '[': return array(addNode(JsonNode::Type::Array, parent, keyStart, keyLength), level);
        case '"': {
            const int node = addNode(JsonNode::Type::String, parent, keyStart, keyLength);
            const char *start = m_p;
            if (!string())
                return false;
            setScalar(node, start + 1, m_p - start - 2);
            write(start, m_p - start);
            return true;
        }
        case 't': return literal("true", JsonNode::Type::Bool, parent, keyStart, keyLength);
        case 'f': return literal("false", JsonNode::Type::Bool, parent, keyStart, keyLength);
        case 'n': return literal("null", JsonNode::Type::Null, parent, keyStart, keyLength);
        default:
            if (*m_p == '-' || isDigit(*m_p))
                return number(parent, keyStart, keyLength);
            return fail(
                JsonFormatter::tr("Unexpected character '%1'.").arg(QString::fromLatin1(m_p, 1)));
        }
    }

    bool object(int node, int level)
    {
        if (level >= maxDepth)
            return fail(JsonFormatter::tr("The JSON is nested too deeply."));
        write("{", 1);
        ++m_p;
        skipSpace();
        if (m_p != m_end && *m_p == '}') {
            write("}", 1);
            ++m_p;
            return true;
        }
        for (;;) {
            newline(level + 1);
            skipSpace();
            if (m_p == m_end || *m_p != '"')
                return fail(JsonFormatter::tr("Expected a member name in double quotes."));
            const char *keyStart = m_p;
            if (!string())
                return false;
            const int keyLength = int(m_p - keyStart - 2);
            write(keyStart, m_p - keyStart);
            skipSpace();
            if (m_p == m_end || *m_p != ':')
                return fail(JsonFormatter::tr("Expected ':' after the member name."));
            ++m_p;
            write(": ", m_options.pretty ? 2 : 0);
            skipSpace();
            if (!value(node, keyStart + 1 - m_begin, keyLength, level + 1))
                return false;
            skipSpace();
            if (m_p != m_end && *m_p == ',') {
                write(",", 1);
                ++m_p;
                continue;
            }
            if (m_p != m_end && *m_p == '}') {
                ++m_p;
                newline(level);
                write("}", 1);
                return true;
            }
            return fail(JsonFormatter::tr("Expected ',' or '}' in the object."));
        }
    }

    bool array(int node, int level)
    {
        if (level >= maxDepth)
            return fail(JsonFormatter::tr("The JSON is nested too deeply."));
        write("[", 1);
        ++m_p;
        skipSpace();
        if (m_p != m_end && *m_p == ']') {
            write("]", 1);
            ++m_p;
            return true;
        }
        for (;;) {
            newline(level + 1);
            skipSpace();
            if (!value(node, -1, 0, level + 1))
                return false;
            skipSpace();
            if (m_p != m_end && *m_p == ',') {
                write(",", 1);
                ++m_p;
                continue;
            }
            if (m_p != m_end && *m_p == ']') {
                ++m_p;
                newline(level);
                write("]", 1);
                return true;
            }
            return fail(JsonFormatter::tr("Expected ',' or ']' in the array."));
        }
    }

    // Leaves m_p after the closing quote.
    bool string()
    {
        ++m_p;
        while (m_p != m_end) {
            const char c = *m_p;
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return fail(JsonFormatter::tr("A control character must be escaped in a "
                                              "string."));
            if (c == '\\') {
                ++m_p;
                if (m_p == m_end)
                    break;
                if (*m_p == 'u') {
                    for (int i = 1; i <= 4; ++i) {
                        if (m_p + i >= m_end || !isHex(m_p[i])) {
                            m_p += 1;
                            return fail(JsonFormatter::tr("\\u needs four hexadecimal "
                                                          "digits."));
                        }
                    }
                    m_p += 4;
                } else if (!QByteArrayView("\"\\/bfnrt").contains(*m_p)) {
                    return fail(JsonFormatter::tr("Unknown escape '\\%1'.")
                                    .arg(QString::fromLatin1(m_p, 1)));
                }
            }
            ++m_p;
        }
        return fail(JsonFormatter::tr("The string has no closing quote."));
    }

    bool number(int parent, qsizetype keyStart, int keyLength)
    {
        const char *start = m_p;
        if (*m_p == '-')
            ++m_p;
        if (m_p == m_end || !isDigit(*m_p))
            return fail(JsonFormatter::tr("A number needs digits."));
        if (*m_p == '0')
            ++m_p;
        else
            while (m_p != m_end && isDigit(*m_p))
                ++m_p;
        if (m_p != m_end && *m_p == '.') {
            ++m_p;
            if (m_p == m_end || !isDigit(*m_p))
                return fail(JsonFormatter::tr("A decimal point needs digits after it."));
            while (m_p != m_end && isDigit(*m_p))
                ++m_p;
        }
        if (m_p != m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p != m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p == m_end || !isDigit(*m_p))
                return fail(JsonFormatter::tr("An exponent needs digits."));
            while (m_p != m_end && isDigit(*m_p))
                ++m_p;
        }
        const int node = addNode(JsonNode::Type::Number, parent, keyStart, keyLength);
        setScalar(node, start, m_p - start);
        write(start, m_p - start);
        return true;
    }

    bool literal(QByteArrayView word, JsonNode::Type type, int parent, qsizetype keyStart,
                 int keyLength)
    {
        if (m_end - m_p < word.size() || QByteArrayView(m_p, word.size()) != word)
            return fail(
                JsonFormatter::tr("Unexpected character '%1'.").arg(QString::fromLatin1(m_p, 1)));
        const int node = addNode(type, parent, keyStart, keyLength);
        setScalar(node, m_p, word.size());
        write(m_p, word.size());
        m_p += word.size();
        return true;
    }

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    JsonFormatter::Options m_options;
    const JsonFormatter::Progress &m_progress;
    JsonOutline *m_outline;
    QByteArray m_out;
    qsizetype m_nextProgress = progressStep;
    qsizetype m_errorOffset = -1;
    QString m_errorMessage;
    bool m_cancelled = false;
};

int hexValue(char c)
{
    if (isDigit(c))
        return c - '0';
    return (c | 0x20) - 'a' + 10;
}

} // namespace

JsonFormatResult JsonFormatter::format(const QByteArray &json, const Options &options,
                                       const Progress &progress)
{
    std::shared_ptr<JsonOutline> outline;
    if (options.outline) {
        outline = std::make_shared<JsonOutline>();
        outline->source = json;
    }
    Parser parser(json, options, progress, outline.get());

    JsonFormatResult result;
    result.valid = parser.run();
    result.cancelled = parser.cancelled();
    if (!result.valid) {
        result.errorOffset = parser.errorOffset();
        result.errorMessage = parser.errorMessage();
        return result;
    }
    if (options.pretty) {
        result.pretty = QString::fromUtf8(parser.output());
        result.prettyLines = TextLines(result.pretty);
    }
    result.outline = std::move(outline);
    return result;
}

QString JsonFormatter::unescape(QByteArrayView escaped)
{
    QString text;
    text.reserve(escaped.size());
    qsizetype runStart = 0;
    qsizetype i = 0;
    while (i < escaped.size()) {
        if (escaped.at(i) != '\\') {
            ++i;
            continue;
        }
        text += QString::fromUtf8(escaped.sliced(runStart, i - runStart));
        if (i + 1 >= escaped.size())
            break;
        const char kind = escaped.at(i + 1);
        i += 2;
        switch (kind) {
        case 'b': text += QLatin1Char('\b'); break;
        case 'f': text += QLatin1Char('\f'); break;
        case 'n': text += QLatin1Char('\n'); break;
        case 'r': text += QLatin1Char('\r'); break;
        case 't': text += QLatin1Char('\t'); break;
        case 'u': {
            if (i + 4 > escaped.size())
                return text;
            char16_t unit = 0;
            for (int k = 0; k < 4; ++k)
                unit = char16_t(unit * 16 + hexValue(escaped.at(i + k)));
            text += QChar(unit);
            i += 4;
            break;
        }
        default: text += QLatin1Char(kind); break;
        }
        runStart = i;
    }
    if (runStart < escaped.size())
        text += QString::fromUtf8(escaped.sliced(runStart));
    return text;
}

QString JsonOutline::key(int node) const
{
    const JsonNode &entry = nodes.at(node);
    if (entry.keyStart < 0)
        return {};
    return JsonFormatter::unescape(QByteArrayView(source).sliced(entry.keyStart, entry.keyLength));
}

QString JsonOutline::scalarText(int node, int maxChars) const
{
    const JsonNode &entry = nodes.at(node);
    if (entry.valueStart < 0)
        return {};
    // Reading a few bytes per character more than shown bounds the work for
    // a string of many megabytes.
    const qsizetype readBytes = qMin<qsizetype>(entry.valueLength, qsizetype(maxChars) * 6 + 6);
    QByteArrayView raw = QByteArrayView(source).sliced(entry.valueStart, readBytes);
    QString text = entry.type == JsonNode::Type::String ? JsonFormatter::unescape(raw)
                                                        : QString::fromUtf8(raw);
    if (text.size() > maxChars || readBytes < entry.valueLength)
        text = text.left(maxChars) + QStringLiteral("…");
    return text;
}

} // namespace gloo
