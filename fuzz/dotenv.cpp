// Parses arbitrary bytes as a .env file. Besides never crashing, a problem
// always names a line that exists, and the same file saved with Windows line
// ends reads the same.

#include "core/dotenv.h"
#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray content = gloo::fuzz::toByteArray(data, size);
    const gloo::DotEnvResult result = gloo::parseDotEnv(content);

    const int lineCount = int(content.count('\n')) + 1;
    if (result.problem.isEmpty()) {
        GLOO_FUZZ_CHECK(result.problemLine == 0);
    } else {
        GLOO_FUZZ_CHECK(result.problemLine >= 1 && result.problemLine <= lineCount);
        GLOO_FUZZ_CHECK(result.problem.contains(QString::number(result.problemLine)));
    }

    const gloo::DotEnvCredentials credentials = gloo::credentialsFromDotEnv(result);
    if (credentials.problem.isEmpty()) {
        GLOO_FUZZ_CHECK(!credentials.credentials.clientId.isEmpty());
        GLOO_FUZZ_CHECK(!credentials.credentials.clientSecret.isEmpty());
    }

    if (!content.contains('\r')) {
        QByteArray windows = content;
        windows.replace("\n", "\r\n");
        const gloo::DotEnvResult crlf = gloo::parseDotEnv(windows);
        GLOO_FUZZ_CHECK(crlf.values == result.values);
        GLOO_FUZZ_CHECK(crlf.problem == result.problem);
        GLOO_FUZZ_CHECK(crlf.problemLine == result.problemLine);
    }
    return 0;
}
