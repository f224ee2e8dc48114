#pragma once

namespace gloo::sandbox {

class ChatStore;
class FaultInjector;
class ModelCatalog;

// What the API endpoints share. The server checks the access token before an
// endpoint runs, so endpoints need no token issuer.
struct SandboxContext
{
    const ModelCatalog &catalog;
    FaultInjector &faults;
    ChatStore &chats;
    int streamChunkDelayMs = 0;
};

} // namespace gloo::sandbox
