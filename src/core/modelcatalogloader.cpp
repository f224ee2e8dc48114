#include "modelcatalogloader.h"

#include "apiclient.h"
#include "chatlogging.h"
#include "tokenmanager.h"

namespace gloo {

ModelCatalogLoader::ModelCatalogLoader(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    // A list from another server says nothing about this one.
    connect(m_api->tokenManager(), &TokenManager::environmentChanged, this, [this] {
        // Asked again if it was asked before, whether or not that worked:
        // the failure, too, was the other server's.
        const bool reload = m_loaded || m_failure.isFailure();
        m_catalog = {};
        m_loaded = false;
        m_failure = {};
        if (reload)
            load();
    });
}

ModelCatalogLoader::~ModelCatalogLoader()
{
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->cancel();
        m_call->deleteLater();
    }
}

QString ModelCatalogLoader::path()
{
    return QStringLiteral("/platform/v2/models");
}

void ModelCatalogLoader::ensureLoaded()
{
    if (!m_loaded && !isLoading())
        load();
}

void ModelCatalogLoader::load()
{
    if (isLoading())
        return;
    ApiRequest request;
    request.method = "GET";
    request.target = path();
    request.authorize = false; // the catalog is public
    request.timeoutMs = 30 * 1000;
    m_call = m_api->send(request);
    connect(m_call, &ApiCall::finished, this, &ModelCatalogLoader::onFinished);
    emit loadingChanged(true);
}

void ModelCatalogLoader::onFinished()
{
    ApiCall *call = m_call;
    m_call.clear();
    if (!call)
        return;
    call->deleteLater();
    const ApiResponse &response = call->response();

    m_failure = response.failure;
    if (!m_failure.isFailure()) {
        ModelCatalog catalog = ModelCatalog::parse(response.body);
        if (catalog.isValid()) {
            m_catalog = catalog;
            m_loaded = true;
            qCInfo(lcChat) << "model catalog loaded:" << m_catalog.models().size() << "models,"
                           << m_catalog.skippedEntries() << "skipped";
        } else {
            m_failure = Failure::make(Failure::Kind::UnexpectedResponse,
                                      QString::fromUtf8(response.body.left(2000)), response.status);
            m_failure.message = catalog.error();
        }
    }
    if (m_failure.isFailure())
        qCInfo(lcChat) << "model catalog failed:" << Failure::kindName(m_failure.kind);
    emit loadingChanged(false);
    emit finished(m_failure);
}

} // namespace gloo
