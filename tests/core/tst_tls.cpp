#include "core/apiclient.h"
#include "core/tokenmanager.h"
#include "gui/failureview.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using gloo::ApiCall;
using gloo::ApiClient;
using gloo::ApiRequest;
using gloo::Failure;
using gloo::TokenManager;
using Cause = gloo::Failure::TlsCause;
using Kind = gloo::Failure::Kind;

namespace {

const QString kClientId = QStringLiteral("tls-test-client");
const QString kClientSecret = QStringLiteral("tls-test-secret-7Qx9");

// An HTTPS server on 127.0.0.1 presenting one certificate. It records every
// byte that arrives over an established secure connection, so a test can
// prove that nothing, credentials least of all, was sent.
class TlsServer : public QTcpServer
{
public:
    TlsServer(const QSslCertificate &certificate, const QSslKey &key, const QByteArray &answer)
        : m_answer(answer)
    {
        m_configuration = QSslConfiguration::defaultConfiguration();
        m_configuration.setLocalCertificate(certificate);
        m_configuration.setPrivateKey(key);
        m_configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        if (!listen(QHostAddress::LocalHost, 0))
            qFatal("TLS test server did not start: %s", qPrintable(errorString()));
    }

    QUrl baseUrl() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(serverPort())); }
    int connectionCount() const { return m_connections; }
    int closedCount() const { return m_closed; }
    const QByteArray &received() const { return m_received; }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        ++m_connections;
        auto *socket = new QSslSocket(this);
        socket->setSslConfiguration(m_configuration);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        connect(socket, &QSslSocket::readyRead, socket, [this, socket] { read(socket); });
        connect(socket, &QSslSocket::disconnected, socket, [this, socket] {
            ++m_closed;
            socket->deleteLater();
        });
        socket->startServerEncryption();
    }

private:
    // Answers once the request's headers and body have arrived.
    void read(QSslSocket *socket)
    {
        const QByteArray chunk = socket->readAll();
        m_received += chunk;
        QByteArray &pending = m_pending[socket];
        pending += chunk;
        const qsizetype headerEnd = pending.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : pending.left(headerEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (pending.size() < headerEnd + 4 + length)
            return;
        m_pending.remove(socket);
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(m_answer.size()) + "\r\nConnection: close\r\n\r\n"
                      + m_answer);
        socket->disconnectFromHost();
    }

    QSslConfiguration m_configuration;
    QByteArray m_answer;
    QByteArray m_received;
    QHash<QSslSocket *, QByteArray> m_pending;
    int m_connections = 0;
    int m_closed = 0;
};

QSslCertificate loadCertificate(const QString &path)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path);
    if (certificates.size() != 1)
        qFatal("cannot read the test certificate %s", qPrintable(path));
    return certificates.first();
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tokenExchangeStopsAtABadCertificate_data();
    void tokenExchangeStopsAtABadCertificate();
    void apiCallStopsAtABadCertificate_data();
    void apiCallStopsAtABadCertificate();
    void trustedCertificateLetsTheRequestsThrough();
    void failureViewOffersTheCertificateDetails();
    void errorsAreClassifiedByWhatTheUserCanDo_data();
    void errorsAreClassifiedByWhatTheUserCanDo();
    void severalProblemsAreAllNamed();
    void handshakeFailureWithoutCertificateErrorsStaysGeneric();

private:
    void addCertificateRows();
    // Runs a token exchange against a server presenting 'name'.pem.
    Failure exchangeAgainst(const QString &name);
    QString certificatePath(const QString &name) const
    {
        return m_certificates.filePath(name + QStringLiteral(".pem"));
    }

    QTemporaryDir m_certificates;
    QSslKey m_serverKey;
};

void TestTls::initTestCase()
{
    QVERIFY(m_certificates.isValid());
    QProcess make;
    make.setProcessChannelMode(QProcess::ForwardedChannels);
    make.start(QStringLiteral("bash"),
               {QStringLiteral(GLOO_TLS_CERT_SCRIPT), m_certificates.path()});
    QVERIFY2(make.waitForFinished(60000), "making the test certificates took too long");
    QVERIFY2(make.exitStatus() == QProcess::NormalExit && make.exitCode() == 0,
             "tests/data/tls/make-test-certs.sh failed: is the openssl tool installed?");

    QFile keyFile(m_certificates.filePath(QStringLiteral("server.key")));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    m_serverKey = QSslKey(keyFile.readAll(), QSsl::Ec);
    QVERIFY(!m_serverKey.isNull());

    // This computer trusts the test CA, as it would trust a company's own CA.
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificate(loadCertificate(certificatePath(QStringLiteral("ca"))));
    QSslConfiguration::setDefaultConfiguration(configuration);
}

void TestTls::addCertificateRows()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<Cause>("cause");
    QTest::addColumn<QSslError::SslError>("qtError");
    // Words the plain message must hold, and lines the detail must hold.
    QTest::addColumn<QString>("inMessage");
    QTest::addColumn<QStringList>("inDetail");

    QTest::newRow("expired") << QStringLiteral("expired") << Cause::Expired
                             << QSslError::CertificateExpired << QStringLiteral("expired on")
                             << QStringList{QStringLiteral("Subject: CN=127.0.0.1"),
                                            QStringLiteral("Issuer: CN=Gloo Test CA"),
                                            QStringLiteral("Valid from: 2020-01-01T00:00:00Z"),
                                            QStringLiteral("Valid until: 2020-01-02T00:00:00Z")};
    QTest::newRow("not yet valid")
        << QStringLiteral("notyetvalid") << Cause::NotYetValid << QSslError::CertificateNotYetValid
        << QStringLiteral("only valid from")
        << QStringList{QStringLiteral("Valid from: 2099-01-01T00:00:00Z")};
    QTest::newRow("other host name")
        << QStringLiteral("otherhost") << Cause::WrongHost << QSslError::HostNameMismatch
        << QStringLiteral("is for other.example, not for 127.0.0.1")
        << QStringList{QStringLiteral("Subject: CN=other.example"),
                       QStringLiteral("Valid for: other.example")};
    QTest::newRow("self-signed") << QStringLiteral("selfsigned") << Cause::Untrusted
                                 << QSslError::SelfSignedCertificate
                                 << QStringLiteral("self-signed")
                                 << QStringList{QStringLiteral("Subject: CN=127.0.0.1"),
                                                QStringLiteral("Issuer: CN=127.0.0.1")};
    QTest::newRow("untrusted issuer") << QStringLiteral("untrusted") << Cause::Untrusted
                                      << QSslError::UnableToGetLocalIssuerCertificate
                                      << QStringLiteral("issued by \"Gloo Other CA\"")
                                      << QStringList{QStringLiteral("Issuer: CN=Gloo Other CA")};
}

Failure TestTls::exchangeAgainst(const QString &name)
{
    TlsServer server(loadCertificate(certificatePath(name)), m_serverKey, QByteArray());
    QNetworkAccessManager network;
    TokenManager tokens(&network);
    tokens.setEnvironment(gloo::Environment::custom(server.baseUrl()));
    tokens.setCredentials({kClientId, kClientSecret});
    QSignalSpy finished(&tokens, &TokenManager::exchangeFinished);
    tokens.requestToken();
    if (!finished.wait(10000))
        return {};
    return finished.first().first().value<Failure>();
}

void TestTls::tokenExchangeStopsAtABadCertificate_data()
{
    addCertificateRows();
}

void TestTls::tokenExchangeStopsAtABadCertificate()
{
    QFETCH(QString, certificate);
    QFETCH(Cause, cause);
    QFETCH(QSslError::SslError, qtError);
    QFETCH(QString, inMessage);
    QFETCH(QStringList, inDetail);

    TlsServer server(loadCertificate(certificatePath(certificate)), m_serverKey,
                     QByteArrayLiteral(R"({"access_token":"abc","token_type":"Bearer"})"));
    QNetworkAccessManager network;
    TokenManager tokens(&network);
    tokens.setEnvironment(gloo::Environment::custom(server.baseUrl()));
    tokens.setCredentials({kClientId, kClientSecret});
    QSignalSpy finished(&tokens, &TokenManager::exchangeFinished);
    QSignalSpy retries(&tokens, &TokenManager::retryScheduled);

    tokens.requestToken();
    QVERIFY(finished.wait(10000));

    const auto failure = finished.first().first().value<Failure>();
    QCOMPARE(Failure::kindName(failure.kind), Failure::kindName(Kind::Tls));
    QCOMPARE(Failure::tlsCauseName(failure.tlsCause), Failure::tlsCauseName(cause));
    QVERIFY2(failure.message.contains(inMessage), qPrintable(failure.message));
    // A certificate that is not valid at this moment may be this computer's
    // clock's fault, and the user is told what the clock says.
    const bool aboutTime = cause == Cause::Expired || cause == Cause::NotYetValid;
    QCOMPARE(failure.nextStep.contains(QStringLiteral("clock")), aboutTime);
    QVERIFY(failure.detail.contains(
        QStringLiteral("Host asked for: 127.0.0.1:%1").arg(server.serverPort())));
    for (const QString &line : inDetail)
        QVERIFY2(failure.detail.contains(line), qPrintable(failure.detail));
    const QSslCertificate presented = loadCertificate(certificatePath(certificate));
    const QString sha256 = QString::fromLatin1(
        presented.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    QVERIFY2(failure.detail.contains(QStringLiteral("SHA-256 fingerprint: ") + sha256),
             qPrintable(failure.detail));
    QVERIFY2(failure.detail.contains(QSslError(qtError, presented).errorString()),
             qPrintable(failure.detail));
    QVERIFY(!failure.canRetry());
    QCOMPARE(retries.size(), 0);
    QCOMPARE(tokens.state(), TokenManager::State::Failed);
    QVERIFY(tokens.token().isNull());

    // The client reached the server, and the server never got a byte of the
    // request: no Authorization header, no body.
    QCOMPARE(server.connectionCount(), 1);
    QTRY_COMPARE(server.closedCount(), 1);
    QCOMPARE(server.received(), QByteArray());
    QVERIFY(!failure.detail.contains(kClientSecret));
}

void TestTls::apiCallStopsAtABadCertificate_data()
{
    addCertificateRows();
}

void TestTls::apiCallStopsAtABadCertificate()
{
    QFETCH(QString, certificate);
    QFETCH(Cause, cause);
    QFETCH(QSslError::SslError, qtError);
    QFETCH(QString, inMessage);
    QFETCH(QStringList, inDetail);

    TlsServer server(loadCertificate(certificatePath(certificate)), m_serverKey,
                     QByteArrayLiteral(R"({"data":[]})"));
    QNetworkAccessManager network;
    TokenManager tokens(&network);
    tokens.setEnvironment(gloo::Environment::custom(server.baseUrl()));
    ApiClient client(&network, &tokens);

    ApiRequest request;
    request.target = QStringLiteral("/ai/v2/chat/completions");
    request.body = QByteArrayLiteral(R"({"messages":[{"role":"user","content":"private"}]})");
    request.authorize = false;
    ApiCall *call = client.send(request);
    QSignalSpy finished(call, &ApiCall::finished);
    QVERIFY(finished.wait(10000));

    const Failure failure = call->response().failure;
    QCOMPARE(Failure::kindName(failure.kind), Failure::kindName(Kind::Tls));
    QCOMPARE(Failure::tlsCauseName(failure.tlsCause), Failure::tlsCauseName(cause));
    QVERIFY2(failure.message.contains(inMessage), qPrintable(failure.message));
    for (const QString &line : inDetail)
        QVERIFY2(failure.detail.contains(line), qPrintable(failure.detail));
    QVERIFY(failure.detail.contains(
        QSslError(qtError, loadCertificate(certificatePath(certificate))).errorString()));
    QCOMPARE(failure.context.endpoint, QStringLiteral("POST /ai/v2/chat/completions"));
    QCOMPARE(call->response().status, 0);

    QCOMPARE(server.connectionCount(), 1);
    QTRY_COMPARE(server.closedCount(), 1);
    QCOMPARE(server.received(), QByteArray());
}

// The control for the tests above: with a certificate this computer trusts,
// the same server does receive the requests, so an empty record there means
// nothing was sent.
void TestTls::trustedCertificateLetsTheRequestsThrough()
{
    TlsServer server(loadCertificate(certificatePath(QStringLiteral("valid"))), m_serverKey,
                     QByteArrayLiteral(R"({"access_token":"tls-test-token","token_type":"Bearer",)"
                                       R"("expires_in":3600})"));
    QNetworkAccessManager network;
    TokenManager tokens(&network);
    tokens.setEnvironment(gloo::Environment::custom(server.baseUrl()));
    tokens.setCredentials({kClientId, kClientSecret});
    QSignalSpy finished(&tokens, &TokenManager::exchangeFinished);

    tokens.requestToken();
    QVERIFY(finished.wait(10000));
    const auto failure = finished.first().first().value<Failure>();
    QVERIFY2(!failure.isFailure(),
             qPrintable(failure.summary() + QLatin1Char('\n') + failure.detail));
    QCOMPARE(tokens.token().value, QByteArrayLiteral("tls-test-token"));
    QVERIFY(server.received().startsWith("POST /oauth2/token"));
    QVERIFY(server.received().contains("grant_type=client_credentials"));
    QVERIFY(server.received().contains("Authorization: Basic "));

    ApiClient client(&network, &tokens);
    ApiRequest request;
    request.target = QStringLiteral("/ai/v2/chat/completions");
    request.body = QByteArrayLiteral(R"({"messages":[]})");
    ApiCall *call = client.send(request);
    QSignalSpy callFinished(call, &ApiCall::finished);
    QVERIFY(callFinished.wait(10000));
    QVERIFY2(!call->response().failure.isFailure(), qPrintable(call->response().failure.message));
    QCOMPARE(call->response().status, 200);
    QVERIFY(server.received().contains("POST /ai/v2/chat/completions"));
    QVERIFY(server.received().contains("Authorization: Bearer tls-test-token"));
}

void TestTls::failureViewOffersTheCertificateDetails()
{
    const Failure failure = exchangeAgainst(QStringLiteral("expired"));
    QCOMPARE(failure.tlsCause, Cause::Expired);

    gloo::gui::FailureView view;
    view.resize(700, 400);
    view.showFailure(failure);
    auto *button = view.findChild<QToolButton *>(QStringLiteral("failureDetailsButton"));
    auto *details = view.findChild<QPlainTextEdit *>(QStringLiteral("failureDetails"));
    QVERIFY(button && details);
    QVERIFY(view.isVisible());
    QVERIFY(view.messageText().contains(QStringLiteral("expired on")));
    QVERIFY(button->isVisible());
    QCOMPARE(button->text(), QStringLiteral("Show certificate details"));
    QVERIFY(!details->isVisible());

    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(details->isVisible());
    QCOMPARE(button->text(), QStringLiteral("Hide certificate details"));
    QVERIFY(details->toPlainText().contains(QStringLiteral("Subject: CN=127.0.0.1")));
    QVERIFY(details->toPlainText().contains(QStringLiteral("Valid until: 2020-01-02T00:00:00Z")));
    QVERIFY(details->toPlainText().contains(QStringLiteral("SHA-256 fingerprint: ")));

    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!details->isVisible());

    // Other failures keep the general label.
    view.showFailure(Failure::make(Kind::Timeout, QStringLiteral("No answer within 30 seconds.")));
    QCOMPARE(button->text(), QStringLiteral("Technical details"));
}

void TestTls::errorsAreClassifiedByWhatTheUserCanDo_data()
{
    using Error = QSslError::SslError;
    QTest::addColumn<QList<Error>>("errors");
    QTest::addColumn<Cause>("cause");

    QTest::newRow("expired") << QList<Error>{QSslError::CertificateExpired} << Cause::Expired;
    QTest::newRow("not yet valid")
        << QList<Error>{QSslError::CertificateNotYetValid} << Cause::NotYetValid;
    QTest::newRow("host name") << QList<Error>{QSslError::HostNameMismatch} << Cause::WrongHost;
    QTest::newRow("self-signed") << QList<Error>{QSslError::SelfSignedCertificate}
                                 << Cause::Untrusted;
    QTest::newRow("self-signed root in chain")
        << QList<Error>{QSslError::SelfSignedCertificateInChain} << Cause::Untrusted;
    QTest::newRow("incomplete chain") << QList<Error>{QSslError::UnableToGetLocalIssuerCertificate,
                                                      QSslError::UnableToVerifyFirstCertificate}
                                      << Cause::Untrusted;
    QTest::newRow("revoked") << QList<Error>{QSslError::CertificateRevoked} << Cause::Revoked;
    QTest::newRow("blacklisted") << QList<Error>{QSslError::CertificateBlacklisted}
                                 << Cause::Revoked;
    QTest::newRow("wrong purpose") << QList<Error>{QSslError::InvalidPurpose} << Cause::Other;
    QTest::newRow("unspecified") << QList<Error>{QSslError::UnspecifiedError} << Cause::Other;
    QTest::newRow("no errors listed") << QList<Error>{} << Cause::Other;
    QTest::newRow("untrusted and expired: the date first")
        << QList<Error>{QSslError::UnableToGetLocalIssuerCertificate, QSslError::CertificateExpired}
        << Cause::Expired;
    QTest::newRow("wrong host and untrusted: the host first")
        << QList<Error>{QSslError::SelfSignedCertificate, QSslError::HostNameMismatch}
        << Cause::WrongHost;
    QTest::newRow("revoked before anything else")
        << QList<Error>{QSslError::CertificateExpired, QSslError::CertificateRevoked}
        << Cause::Revoked;
}

void TestTls::errorsAreClassifiedByWhatTheUserCanDo()
{
    QFETCH(QList<QSslError::SslError>, errors);
    QFETCH(Cause, cause);

    const QSslCertificate certificate = loadCertificate(certificatePath(QStringLiteral("valid")));
    QList<QSslError> sslErrors;
    for (const QSslError::SslError error : errors)
        sslErrors << QSslError(error, certificate);
    const Failure failure = Failure::fromSslErrors(sslErrors,
                                                   QUrl(QStringLiteral("https://127.0.0.1:8443")),
                                                   {certificate});

    QCOMPARE(failure.kind, Kind::Tls);
    QCOMPARE(Failure::tlsCauseName(failure.tlsCause), Failure::tlsCauseName(cause));
    QVERIFY(!failure.message.isEmpty());
    QVERIFY(!failure.nextStep.isEmpty());
    QVERIFY(!failure.canRetry());
    for (const QSslError &error : std::as_const(sslErrors))
        QVERIFY(failure.detail.contains(error.errorString()));
}

void TestTls::severalProblemsAreAllNamed()
{
    // An expired certificate for another name: the expiry is explained, the
    // wrong name is still mentioned.
    const QSslCertificate certificate = loadCertificate(certificatePath(QStringLiteral("expired")));
    const QList<QSslError> errors{QSslError(QSslError::HostNameMismatch, certificate),
                                  QSslError(QSslError::CertificateExpired, certificate)};
    const QDateTime now = QDateTime(QDate(2030, 5, 6), QTime(7, 8, 9), Qt::UTC);
    const Failure failure = Failure::fromSslErrors(
        errors, QUrl(QStringLiteral("https://api.example.test/ai")), {certificate}, now);

    QCOMPARE(failure.tlsCause, Cause::Expired);
    QVERIFY(failure.message.contains(QStringLiteral("it is for another host name")));
    QVERIFY(failure.nextStep.contains(QLocale().toString(now.toLocalTime(), QLocale::ShortFormat)));
    QVERIFY(failure.detail.contains(QStringLiteral("Host asked for: api.example.test:443")));
    QVERIFY(failure.detail.contains(QStringLiteral("This computer's clock: 2030-05-06T07:08:09Z")));
    QVERIFY(failure.detail.contains(QSslError(QSslError::HostNameMismatch).errorString()));
}

void TestTls::handshakeFailureWithoutCertificateErrorsStaysGeneric()
{
    const Failure failure = Failure::fromNetworkError(QNetworkReply::SslHandshakeFailedError,
                                                      QStringLiteral("protocol version"));
    QCOMPARE(failure.kind, Kind::Tls);
    QCOMPARE(failure.tlsCause, Cause::None);
    QVERIFY(!failure.message.contains(QStringLiteral("certificate")));
}

QTEST_MAIN(TestTls)
#include "tst_tls.moc"
