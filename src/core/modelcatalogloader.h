#pragma once

#include "failure.h"
#include "modelcatalog.h"

#include <QObject>
#include <QPointer>

namespace gloo {

class ApiCall;
class ApiClient;

// Fetches the public model catalog of the current environment, without an
// access token, and keeps the last list that loaded. The chat's model
// pickers and the Models view share one loader.
class ModelCatalogLoader : public QObject
{
    Q_OBJECT

public:
    explicit ModelCatalogLoader(ApiClient *api, QObject *parent = nullptr);
    ~ModelCatalogLoader() override;

    static QString path();

    const ModelCatalog &catalog() const { return m_catalog; }
    bool isLoading() const { return !m_call.isNull(); }
    bool hasLoaded() const { return m_loaded; }
    Failure lastFailure() const { return m_failure; }

public slots:
    void load();
    // Loads unless a list is loaded or loading already.
    void ensureLoaded();

signals:
    void loadingChanged(bool loading);
    // A load ended; the catalog is new when `failure` is none.
    void finished(const gloo::Failure &failure);

private:
    void onFinished();

    ApiClient *m_api;
    QPointer<ApiCall> m_call;
    ModelCatalog m_catalog;
    Failure m_failure;
    bool m_loaded = false;
};

} // namespace gloo
