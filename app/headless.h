#pragma once

#include "core/failure.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdio>
#include <memory>

namespace gloo {
class Session;
}
class SandboxAdapter;

// The window's core without a window: checks credentials, prints a token or
// sends one request, for scripts. Uses the same Session (token owner, API
// client, keychain store) and the same failure messages as the window.
class HeadlessRunner : public QObject
{
    Q_OBJECT

public:
    // Exit codes, documented in --help and the README.
    enum ExitCode {
        Success = 0,
        GeneralFailure = 1,
        Usage = 2,
        Credentials = 3,
        Access = 4,
        Network = 5,
        Server = 6,
        Keychain = 7,
        RequestRejected = 8,
    };

    HeadlessRunner(std::FILE *out, std::FILE *err, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    // Parses the arguments and starts the work; calls QCoreApplication::exit
    // with the exit code when done. Returns false (with the code set) when
    // nothing was started, for example for --help or a usage error.
    bool start(const QStringList &arguments);
    int exitCode() const { return m_exitCode; }

    static ExitCode exitCodeFor(const gloo::Failure &failure);
    static QString categoryName(ExitCode code);

private:
    void withCredentials();
    // False, with the failure reported, when a window profile's saved
    // secret would go to another server than the one it was saved for.
    bool savedSecretFits();
    void run();
    void runCheck();
    void runToken();
    void runRequest();
    void fail(const gloo::Failure &failure);
    void done(int code);
    void print(std::FILE *stream, const QString &text);

    struct Options;
    std::unique_ptr<Options> m_options;
    std::unique_ptr<SandboxAdapter> m_sandbox;
    std::unique_ptr<gloo::Session> m_session;
    std::FILE *m_out;
    std::FILE *m_err;
    int m_exitCode = Success;
};
