#pragma once

#include <QCoreApplication>
#include <QString>
#include <QtNetwork/QNetworkReply>

namespace gloo {

// Every failure the user can meet, as one value: what kind it is, a plain
// sentence saying what happened, a plain sentence saying what to do next, and
// the technical detail for people who want it. Made here, shown the same way
// by every view.
struct Failure
{
    Q_DECLARE_TR_FUNCTIONS(Failure)

public:
    enum class Kind {
        None,
        MissingCredentials,
        InvalidCredentials,
        AccessDenied,
        Unauthorized,
        RateLimited,
        ServerError,
        InvalidRequest,
        NotFound,
        HostNotFound,
        ConnectionRefused,
        Tls,
        Timeout,
        Proxy,
        Network,
        InsecureTransport,
        UnexpectedResponse,
        KeychainUnavailable,
        KeychainDenied,
        Cancelled,
    };

    Kind kind = Kind::None;
    QString message;
    QString nextStep;
    QString detail;
    int httpStatus = 0;

    bool isFailure() const { return kind != Kind::None; }

    // Short, stable, untranslated name of the kind, for logs and tests.
    static QString kindName(Kind kind);

    // A failure of the given kind with the standard message and next step.
    static Failure make(Kind kind, const QString &detail = {}, int httpStatus = 0);

    // Classifies a transport-level error reported by QNetworkReply.
    static Failure fromNetworkError(QNetworkReply::NetworkError error, const QString &errorString);

    // Classifies a non-successful answer of the token endpoint.
    static Failure fromTokenEndpoint(int httpStatus, const QByteArray &body,
                                     const QByteArray &contentType);

    // Classifies a non-successful answer of an API endpoint.
    static Failure fromApiResponse(int httpStatus, const QByteArray &body);

    // "message next step" in one paragraph, as shown in status lines.
    QString summary() const;
};

} // namespace gloo
