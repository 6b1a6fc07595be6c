package io.obitox.webhook.ui;

import io.obitox.common.Messages;
import io.obitox.webhook.Delivery;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The delivery log's rows, merged in place from each poll (new rows in order, gone rows removed). FX thread only. */
final class DeliveryLog {
    private final ObservableList<DeliveryRow> rows = FXCollections.observableArrayList();
    private final Map<String, DeliveryRow> byId = new HashMap<>();
    private final Messages messages;

    DeliveryLog(Messages messages) {
        this.messages = messages;
    }

    ObservableList<DeliveryRow> rows() {
        return rows;
    }

    /** {@code list} is newest first, as the service returns it. */
    void apply(List<Delivery> list) {
        Set<String> present = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Delivery d = list.get(i);
            present.add(d.id());
            DeliveryRow row = byId.get(d.id());
            if (row == null) {
                row = new DeliveryRow(d, messages);
                byId.put(d.id(), row);
                rows.add(Math.min(i, rows.size()), row);
            } else {
                row.update(d);
            }
        }
        if (rows.size() > present.size()) {
            rows.removeIf(r -> !present.contains(r.id()));
            byId.keySet().retainAll(present);
        }
    }
}
