// Decodes arbitrary tokens as JWTs. The first byte picks the shape: the raw
// input as a whole token, or the input as the payload of an otherwise
// well-formed token, which gets the fuzzer past the base64 layer into the
// JSON parser.

#include "core/accesstoken.h"
#include "fuzzsupport.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const bool wrapPayload = data[0] & 1;
    const QByteArray input = gloo::fuzz::toByteArray(data + 1, size - 1);

    if (!wrapPayload) {
        gloo::decodeJwtPayload(input);
        return 0;
    }

    const QByteArray token = QByteArrayLiteral("eyJhbGciOiJIUzI1NiJ9.")
                             + input.toBase64(QByteArray::Base64UrlEncoding
                                              | QByteArray::OmitTrailingEquals)
                             + QByteArrayLiteral(".c2lnbmF0dXJl");
    const std::optional<QJsonObject> claims = gloo::decodeJwtPayload(token);

    // Wrapped correctly, the payload decodes exactly when it is a JSON object.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(input, &error);
    const bool isObject = error.error == QJsonParseError::NoError && document.isObject();
    if (input.isEmpty())
        GLOO_FUZZ_CHECK(!claims);
    else
        GLOO_FUZZ_CHECK(claims.has_value() == isObject);
    if (claims && isObject)
        GLOO_FUZZ_CHECK(*claims == document.object());
    return 0;
}
