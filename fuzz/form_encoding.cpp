// Decodes arbitrary application/x-www-form-urlencoded bodies with the
// sandbox's parser, and checks it against the client's encoder: what the
// client encodes, the sandbox must decode to the same text.

#include "core/clientcredentials.h"
#include "fuzzsupport.h"
#include "sandbox/formencoding.h"

#include <QStringList>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = gloo::fuzz::toByteArray(data, size);

    gloo::sandbox::decodeFormComponent(input);
    const auto fields = gloo::sandbox::parseFormBody(input);

    // Round trip of every parsed body through the client's encoder.
    if (fields) {
        QByteArrayList pairs;
        for (auto it = fields->cbegin(); it != fields->cend(); ++it)
            pairs.append(gloo::formUrlEncode(it.key()) + '=' + gloo::formUrlEncode(it.value()));
        const auto reparsed = gloo::sandbox::parseFormBody(pairs.join('&'));
        GLOO_FUZZ_CHECK(reparsed.has_value());
        GLOO_FUZZ_CHECK(*reparsed == *fields);
    }

    // Round trip of the input read as text, the way a secret typed into the
    // client reaches the sandbox.
    const QString text = QString::fromUtf8(input);
    const std::optional<QString> decoded = gloo::sandbox::decodeFormComponent(
        gloo::formUrlEncode(text));
    GLOO_FUZZ_CHECK(decoded.has_value());
    GLOO_FUZZ_CHECK(*decoded == text);
    return 0;
}
