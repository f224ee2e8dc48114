#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslError>

namespace gloo {

// What a failed request was about, so that the failure can be explained in
// its context and reported to Gloo support.
struct FailureContext
{
    QString endpoint;
    QString model;
    int maxTokens = -1;
};

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
        OtherServer,
        UnexpectedResponse,
        KeychainUnavailable,
        KeychainDenied,
        Cancelled,
    };

    enum class Retry { Unknown, Yes, No };

    // Why the server's certificate was refused, for a Tls failure. None
    // when the handshake failed for a reason other than the certificate.
    enum class TlsCause {
        None,
        Expired,
        NotYetValid, // often this computer's clock
        WrongHost,
        Untrusted, // self-signed, an unknown issuer or an incomplete chain
        Revoked,
        Other,
    };

    using Context = FailureContext;

    Kind kind = Kind::None;
    TlsCause tlsCause = TlsCause::None;
    QString message;
    QString nextStep;
    QString detail;
    int httpStatus = 0;

    // From Gloo's error envelope, when the server sent one.
    QString errorType;
    QString fault;
    QString requestId;
    QString traceId;
    Retry retryable = Retry::Unknown;
    // How long the server asked to wait (Retry-After), or -1.
    int retryAfterMs = -1;

    QDateTime occurredAt;
    Context context;

    bool isFailure() const { return kind != Kind::None; }

    // Whether trying the same thing again can help: the server's own word
    // when it gave one, otherwise judged from the kind.
    bool canRetry() const;

    // A plain-text report for Gloo support: time, endpoint, status, ids and
    // model. Never holds a secret, a token or a request body.
    QString supportReport() const;
    bool hasSupportIds() const { return !requestId.isEmpty() || !traceId.isEmpty(); }

    // Short, stable, untranslated name of the kind, for logs and tests.
    static QString kindName(Kind kind);
    // The same for the cause of a refused certificate.
    static QString tlsCauseName(TlsCause cause);

    // A failure of the given kind with the standard message and next step.
    static Failure make(Kind kind, const QString &detail = {}, int httpStatus = 0);
    // A request to 'url' that got no answer within 'milliseconds'.
    // 'adjustable' when the user can set a longer timeout for it.
    static Failure timedOut(int milliseconds, const QUrl &url, bool adjustable = true);
    // "No answer within 1 second." / "... within 30 seconds.", for a timeout.
    static QString noAnswerWithin(int milliseconds);
    // The next step for a server on this computer that does not answer:
    // checking the internet connection would not help.
    static QString localServerNextStep(bool adjustable = true);

    // Classifies a transport-level error reported by QNetworkReply.
    static Failure fromNetworkError(QNetworkReply::NetworkError error, const QString &errorString);

    // Explains why a TLS handshake with url's server was refused, from the
    // errors QNetworkReply::sslErrors reported and the certificate chain the
    // server presented (its own certificate first). The detail holds the
    // certificates' subject, issuer, validity and SHA-256 fingerprint. 'now'
    // is this computer's clock, which decides what counts as expired.
    static Failure fromSslErrors(const QList<QSslError> &errors, const QUrl &url,
                                 const QList<QSslCertificate> &chain = {},
                                 const QDateTime &now = QDateTime::currentDateTimeUtc());

    // Classifies a non-successful answer of the token endpoint.
    static Failure fromTokenEndpoint(int httpStatus, const QByteArray &body,
                                     const QByteArray &contentType, int retryAfterMs = -1);
    // A successful status whose body is no token: `problem` says what is
    // wrong with it. A web page (a website or sign-in page as the base URL)
    // is named as such.
    static Failure unreadableToken(int httpStatus, const QByteArray &body,
                                   const QByteArray &contentType, const QString &problem);

    // Classifies a non-successful answer of an API endpoint, reading Gloo's
    // error envelope and the request's context to say something specific.
    static Failure fromApiResponse(int httpStatus, const QByteArray &body,
                                   const Context &context = {}, int retryAfterMs = -1);

    // "message next step" in one paragraph, as shown in status lines.
    QString summary() const;

private:
    static Failure classifyTokenEndpoint(int httpStatus, const QByteArray &body,
                                         const QByteArray &contentType);
};

} // namespace gloo
