#include "printable_report.hpp"

#include "lbtrack/core/printable_text.hpp"

namespace lbtrack::diff::detail {

namespace {

void clean(std::string& s) {
    s = printable_text(s);
}

void clean(entry& e) {
    for (auto* s : {&e.raw_name, &e.model_key, &e.variant, &e.organization, &e.license,
                    &e.knowledge_cutoff}) {
        clean(*s);
    }
    for (auto& m : e.metrics) {
        clean(m.name);
        clean(m.unit);
    }
}

void clean(board_diff& d) {
    for (auto* rows : {&d.added, &d.dropped}) {
        for (auto& e : *rows) {
            clean(e);
        }
    }
    for (auto* moves : {&d.moved, &d.within_ci}) {
        for (auto& m : *moves) {
            clean(m.model_key);
            clean(m.name);
        }
    }
    for (auto* changes : {&d.entered_top, &d.left_top}) {
        for (auto& t : *changes) {
            clean(t.model_key);
            clean(t.name);
        }
    }
    for (auto& r : d.renamed) {
        for (auto* s : {&r.from_key, &r.from_name, &r.to_key, &r.to_name}) {
            clean(*s);
        }
    }
    for (auto& o : d.overhauls) {
        clean(o.field);
    }
    for (auto& s : d.rescored) {
        clean(s.model_key);
        clean(s.name);
    }
    for (auto& m : d.metric_changes) {
        for (auto* s : {&m.model_key, &m.name, &m.metric, &m.unit, &m.from_unit}) {
            clean(*s);
        }
    }
    for (auto& m : d.metadata_changes) {
        for (auto* s : {&m.model_key, &m.name, &m.field, &m.from, &m.to}) {
            clean(*s);
        }
    }
    if (d.new_leader) {
        clean(d.new_leader->from_name);
        clean(d.new_leader->to_name);
        clean(d.new_leader->to_key);
    }
}

} // namespace

run_report printable_report(const run_report& report) {
    run_report out = report;
    for (auto& b : out.boards) {
        clean(b.context.source_id);
        clean(b.context.source_title);
        clean(b.diff);
        for (auto& s : b.standings) {
            clean(s.now);
        }
        for (auto& s : b.series) {
            clean(s.model_key);
            clean(s.name);
        }
    }
    clean(out.scope);
    for (auto& u : out.unchanged) {
        clean(u.source_id);
    }
    for (auto& line : out.digest) {
        clean(line.model_key);
        clean(line.name);
        for (auto& p : line.boards) {
            clean(p.source_id);
        }
    }
    // One line each in both renderers: a line break inside one is escaped too.
    for (auto& message : out.failures) {
        clean(message);
    }
    return out;
}

} // namespace lbtrack::diff::detail
