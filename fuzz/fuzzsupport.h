#pragma once

#include <QByteArray>

#include <cstddef>
#include <cstdint>

namespace gloo::fuzz {

// The fuzzer's input as a QByteArray that owns a copy, so that a read past
// the end is caught by AddressSanitizer at the input's real size.
QByteArray toByteArray(const uint8_t *data, size_t size);

// Aborts with a message when a property of the code under test does not
// hold. libFuzzer treats the abort as a crash and saves the input.
[[noreturn]] void propertyFailed(const char *expression, const char *file, int line);

} // namespace gloo::fuzz

#define GLOO_FUZZ_CHECK(condition)                                                                 \
    do {                                                                                           \
        if (!(condition))                                                                          \
            gloo::fuzz::propertyFailed(#condition, __FILE__, __LINE__);                            \
    } while (false)
