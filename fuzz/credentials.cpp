// Parses arbitrary keychain entries, as another program or an older version
// could have left them.

#include "core/credentialstore.h"
#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gloo::ClientCredentials credentials;
    if (!gloo::deserializeCredentials(gloo::fuzz::toByteArray(data, size), &credentials))
        return 0;

    // What was read can be written back and read again unchanged, so saving
    // loaded credentials never alters them. Text with unpaired surrogates
    // cannot be typed or stored as UTF-8, so it is left out.
    if (!QStringView(credentials.clientId).isValidUtf16()
        || !QStringView(credentials.clientSecret).isValidUtf16()) {
        return 0;
    }
    gloo::ClientCredentials again;
    GLOO_FUZZ_CHECK(gloo::deserializeCredentials(gloo::serializeCredentials(credentials), &again));
    GLOO_FUZZ_CHECK(again == credentials);
    return 0;
}
