// Feeds arbitrary bytes to the token endpoint's answer parser, as a server
// (or anything between the client and it) could send them.

#include "core/accesstoken.h"
#include "fuzzsupport.h"

#include <QDateTime>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A fixed clock, so that every input replays exactly as it was found.
    static const QDateTime now = QDateTime::fromSecsSinceEpoch(1767225600, Qt::UTC);

    const gloo::TokenParseResult result = gloo::parseTokenResponse(
        gloo::fuzz::toByteArray(data, size), now);

    // Either a usable token or a reason why not, never both or neither.
    GLOO_FUZZ_CHECK(result.problem.isEmpty() != result.token.isNull());
    if (result.problem.isEmpty()) {
        // Whatever the answer claimed, the client renews within its bounds.
        GLOO_FUZZ_CHECK(result.token.expiresAt > now);
        GLOO_FUZZ_CHECK(result.token.lifetimeSeconds() <= gloo::kMaxTokenLifetimeSeconds);
        GLOO_FUZZ_CHECK(result.token.fingerprint().size() == 8);
    }
    return 0;
}
