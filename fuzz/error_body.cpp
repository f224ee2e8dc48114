// Classifies arbitrary error answers of the token endpoint and of the API.
// The first two bytes are the HTTP status, the third picks a content type,
// the rest is the body.

#include "core/failure.h"
#include "fuzzsupport.h"

#include <array>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;

    // Signed, so that nonsense statuses (negative, zero, above 599) are tried
    // as well as real ones.
    const int status = static_cast<int16_t>(data[0] | (data[1] << 8));
    static const std::array<QByteArray, 5> contentTypes = {
        QByteArray(),
        QByteArrayLiteral("application/json"),
        QByteArrayLiteral("application/json; charset=utf-8"),
        QByteArrayLiteral("text/html; charset=UTF-8"),
        QByteArrayLiteral("TEXT/HTML"),
    };
    const QByteArray &contentType = contentTypes[data[2] % contentTypes.size()];
    const QByteArray body = gloo::fuzz::toByteArray(data + 3, size - 3);

    // Every answer given to these functions failed, so each must come back
    // as a failure the user can read, keeping the status it came with.
    const gloo::Failure token = gloo::Failure::fromTokenEndpoint(status, body, contentType);
    GLOO_FUZZ_CHECK(token.isFailure());
    GLOO_FUZZ_CHECK(!token.message.isEmpty());
    GLOO_FUZZ_CHECK(token.httpStatus == status);
    token.summary();

    const gloo::Failure api = gloo::Failure::fromApiResponse(status, body);
    GLOO_FUZZ_CHECK(api.isFailure());
    GLOO_FUZZ_CHECK(!api.message.isEmpty());
    GLOO_FUZZ_CHECK(api.httpStatus == status);
    api.summary();
    return 0;
}
