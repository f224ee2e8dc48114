#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace gloo {

// One documented Gloo endpoint with a request that the server accepts as it
// stands, so that a new user can send it first and change it afterwards.
struct EndpointPreset
{
    // Stable and untranslated, for settings and tests.
    QString key;
    QString name;
    QString description;
    QByteArray method;
    // Relative to the environment's base URL; may carry a query.
    QString target;
    // Empty for methods that carry no body.
    QString exampleBody;
    // Whether the endpoint needs the access token (the model catalog does not).
    bool needsToken = true;
    bool deprecated = false;
    // Whether the answer is a stream of server-sent events.
    bool streams = false;
};

// The presets for every surface that Gloo documents, in the order a reader
// meets them: completions first, the deprecated ones near the end.
class EndpointCatalog
{
    Q_DECLARE_TR_FUNCTIONS(EndpointCatalog)

public:
    static QList<EndpointPreset> presets();
    static std::optional<EndpointPreset> find(const QString &key);

    // The preset the console opens with.
    static QString defaultKey();

    // Where the chat history preset names the chat to fetch: a Message
    // answer's chat_id goes here.
    static QString chatIdPlaceholder();
};

} // namespace gloo
