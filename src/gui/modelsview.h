#pragma once

#include "core/failure.h"

#include <QWidget>

#include <memory>

class QSortFilterProxyModel;

namespace Ui {
class ModelsView;
}

namespace gloo {
class ModelCatalogLoader;
}

namespace gloo::gui {

class FailureView;
class ModelsTableModel;

// Gloo's public model catalog in a sortable, filterable table. It loads the
// first time it is shown, and again on Reload.
class ModelsView : public QWidget
{
    Q_OBJECT

public:
    explicit ModelsView(gloo::ModelCatalogLoader *catalog, QWidget *parent = nullptr);
    ~ModelsView() override;

    ModelsTableModel *tableModel() const { return m_model; }
    QSortFilterProxyModel *sortedModel() const { return m_proxy; }
    FailureView *failureView() const;
    QString statusText() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onLoadingChanged(bool loading);
    void onFinished(const gloo::Failure &failure);
    void applyFilter();
    void updateCount();

    std::unique_ptr<Ui::ModelsView> m_ui;
    // The catalog's own note (models skipped), kept for the count line.
    QString m_skippedNote;
    gloo::ModelCatalogLoader *m_catalog;
    ModelsTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
};

} // namespace gloo::gui
