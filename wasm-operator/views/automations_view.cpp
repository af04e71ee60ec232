// The Automations tab: rules (enable, edit with the domain parser's check), the job list
// (status filter, Retry on failures, a scheduler pass on demand), templates with a live preview,
// and the operator's notifications with their Reassign / Refund actions.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>

#include "app/rule_draft.hpp"
#include "views/views.hpp"

namespace crm::console {

namespace {

const ImVec4 kError(1, 0.5f, 0.4f, 1);
const ImVec4 kOk(0.35f, 0.85f, 0.5f, 1);
const ImVec4 kMuted(0.6f, 0.65f, 0.75f, 1);

ImVec4 status_color(const std::string& s) {
    if (s == "done") return kOk;
    if (s == "failed") return kError;
    if (s == "cancelled") return kMuted;
    return ImVec4(0.95f, 0.75f, 0.3f, 1);
}

std::string paris_or_dash(const std::optional<domain::UnixTime>& t) {
    return t ? domain::format_paris(*t) : "—";
}

// A combo over `items`; each entry is anchored as "<anchor_prefix><i>" for the browser tests.
bool combo_of(ConsoleState& state, const char* id, int& index, const std::vector<std::string>& items,
              const std::string& anchor_prefix = "") {
    if (items.empty()) return false;
    index = std::clamp(index, 0, static_cast<int>(items.size()) - 1);
    bool changed = false;
    if (ImGui::BeginCombo(id, items[static_cast<std::size_t>(index)].c_str())) {
        for (int i = 0; i < static_cast<int>(items.size()); ++i) {
            if (ImGui::Selectable(items[static_cast<std::size_t>(i)].c_str(), i == index)) {
                index = i;
                changed = true;
            }
            if (!anchor_prefix.empty()) anchor(state, anchor_prefix + std::to_string(i));
        }
        ImGui::EndCombo();
    }
    return changed;
}

std::vector<std::string> template_names(const ConsoleState& state, domain::ActionKind kind) {
    const std::string channel = kind == domain::ActionKind::send_sms ? "sms" : "email";
    std::vector<std::string> out;
    for (const auto& t : state.automations.templates())
        if (t.channel == channel) out.push_back(t.name);
    return out;
}

// "Ajouter une action": the kind from the list, then its argument; returns the action made.
std::optional<domain::Action> draw_new_action(ConsoleState& state, NewAction& n) {
    const auto& choices = domain::action_choices();
    std::vector<std::string> labels;
    for (const auto& c : choices) labels.push_back(c.label);
    ImGui::SetNextItemWidth(280);
    combo_of(state, "##action-kind", n.choice, labels, "rule-action-kind:");
    anchor(state, "rule-new-action-kind");
    const auto& c = choices[static_cast<std::size_t>(n.choice)];
    domain::Action a{c.kind, "", 0};
    ImGui::SameLine();
    ImGui::SetNextItemWidth(200);
    switch (c.arg) {
        case domain::ActionArg::template_name: {
            const auto names =
                template_names(state, c.kind == domain::ActionKind::send_sms ? domain::ActionKind::send_sms
                                                                             : domain::ActionKind::send_email);
            if (names.empty()) {
                ImGui::TextDisabled("aucun modèle");
                return std::nullopt;
            }
            combo_of(state, "##action-template", n.template_index, names);
            a.arg = names[static_cast<std::size_t>(n.template_index)];
            break;
        }
        case domain::ActionArg::days:
            ImGui::InputInt("jours##action-days", &n.days);
            n.days = std::clamp(n.days, 0, 365);
            a.days = n.days;
            break;
        case domain::ActionArg::status: {
            const std::vector<std::string> statuses = {"active", "follow_up", "nurture", "booked", "not_seller"};
            combo_of(state, "##action-status", n.status, statuses);
            a.arg = statuses[static_cast<std::size_t>(n.status)];
            break;
        }
        case domain::ActionArg::stage: {
            std::vector<std::string> stages;
            for (const auto st : pipeline_stages()) stages.push_back(domain::to_string(st));
            combo_of(state, "##action-stage", n.stage, stages);
            a.arg = stages[static_cast<std::size_t>(n.stage)];
            break;
        }
        case domain::ActionArg::recipient: {
            const std::vector<std::string> who = {"lead", "agent"};
            combo_of(state, "##action-recipient", n.recipient, who);
            a.arg = who[static_cast<std::size_t>(n.recipient)];
            break;
        }
        case domain::ActionArg::notification:
            ImGui::InputTextWithHint("##action-notification", "type (ex. no_first_call)", n.notification.data,
                                     sizeof n.notification.data);
            a.arg = n.notification.str();
            break;
    }
    ImGui::SameLine();
    const bool valid = domain::parse_actions(domain::to_string(a)).ok();
    ImGui::BeginDisabled(!valid);
    const bool add = ImGui::Button("Ajouter l'action");
    anchor(state, "rule-add-action");
    ImGui::EndDisabled();
    return add ? std::optional<domain::Action>(a) : std::nullopt;
}

void draw_rules(ConsoleState& state, Controller& ctl, RuleFormState& vs) {
    auto start = [&](RuleDraft d) {
        vs.draft = std::move(d);
        vs.name.set(vs.draft.name);
        vs.action.set(vs.draft.action_text());
        vs.confirm_delete = false;
        vs.open = true;
    };
    const auto& rules = state.automations.rules();
    if (ImGui::Button("Nouvelle règle")) start(RuleDraft{});
    anchor(state, "rule-new");
    if (ImGui::BeginTable("rules", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("Active", ImGuiTableColumnFlags_WidthFixed, 56);
        ImGui::TableSetupColumn("Règle", ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn("Déclencheur", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("Actions", ImGuiTableColumnFlags_WidthStretch, 3);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 90);
        ImGui::TableHeadersRow();
        for (const auto& r : rules) {
            ImGui::PushID(static_cast<int>(r.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            bool enabled = r.enabled;
            if (ImGui::Checkbox("##on", &enabled)) ctl.automations.set_rule_enabled(r.id, enabled);
            anchor(state, "rule-toggle:" + std::to_string(r.id));
            ImGui::TableNextColumn();
            if (r.enabled)
                ImGui::TextUnformatted(r.name.c_str());
            else
                ImGui::TextDisabled("%s (désactivée)", r.name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.trigger.c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", r.action.c_str());
            ImGui::TableNextColumn();
            const bool editing = vs.open && vs.draft.id == r.id;
            if (ImGui::SmallButton(editing ? "Fermer" : "Modifier")) {
                if (editing)
                    vs.open = false;
                else
                    start(RuleDraft::from_rule(r));
            }
            anchor(state, "rule-edit:" + std::to_string(r.id));
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (!vs.open) return;
    ImGui::Separator();
    ImGui::Text(vs.draft.id ? "Modifier la règle %lld" : "Nouvelle règle", static_cast<long long>(vs.draft.id));
    ImGui::SetNextItemWidth(-160);
    if (ImGui::InputText("Nom", vs.name.data, sizeof vs.name.data)) vs.draft.name = vs.name.str();
    anchor(state, "rule-name");
    state.shown["rule-name"] = vs.draft.name;
    // The trigger, picked from the list of those the server runs.
    const auto& triggers = domain::trigger_choices();
    std::string current = vs.draft.trigger;
    for (const auto& t : triggers)
        if (t.trigger == vs.draft.trigger) current = t.label + " (" + t.trigger + ")";
    ImGui::SetNextItemWidth(-160);
    if (ImGui::BeginCombo("Déclencheur", current.c_str())) {
        for (std::size_t i = 0; i < triggers.size(); ++i) {
            if (ImGui::Selectable((triggers[i].label + " (" + triggers[i].trigger + ")").c_str(),
                                  triggers[i].trigger == vs.draft.trigger))
                vs.draft.trigger = triggers[i].trigger;
            anchor(state, "rule-trigger-choice:" + triggers[i].trigger);
        }
        ImGui::EndCombo();
    }
    anchor(state, "rule-trigger");
    // The actions, in order, each removable; then one more from the list.
    ImGui::TextUnformatted("Actions, dans l'ordre :");
    for (std::size_t i = 0; i < vs.draft.actions.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::BulletText("%s", action_label_fr(vs.draft.actions[i]).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Retirer")) {
            vs.draft.remove(i);
            vs.action.set(vs.draft.action_text());
            ImGui::PopID();
            break;
        }
        anchor(state, "rule-remove-action:" + std::to_string(i));
        ImGui::PopID();
    }
    if (const auto added = draw_new_action(state, vs.adding)) {
        vs.draft.add(*added);
        vs.action.set(vs.draft.action_text());
    }
    // The same actions as text (what the API stores); typing a valid string updates the list.
    ImGui::SetNextItemWidth(-160);
    if (ImGui::InputText("Actions (texte)", vs.action.data, sizeof vs.action.data))
        vs.draft.set_action_text(vs.action.str());
    anchor(state, "rule-action");
    auto error = rule_error(vs.draft.trigger, vs.action.str());
    if (error.empty() && vs.draft.name.empty()) error = "Nom obligatoire.";
    state.shown["rule-error"] = error;
    state.shown["rule-action"] = vs.action.str();
    if (!error.empty())
        ImGui::TextColored(kError, "%s", error.c_str());
    else
        ImGui::TextColored(kOk, "Règle valide.");
    ImGui::BeginDisabled(!error.empty());
    if (ImGui::Button(vs.draft.id ? "Enregistrer la règle" : "Créer la règle")) {
        if (vs.draft.id)
            ctl.automations.save_rule(vs.draft.id, vs.draft.name, vs.draft.trigger, vs.action.str());
        else
            ctl.automations.create_rule(vs.draft.name, vs.draft.trigger, vs.action.str());
        if (!vs.draft.id) vs.open = false;
    }
    anchor(state, "rule-save");
    // The form sits under the rules table, often below the fold on a laptop: once it opens or
    // changes, its Save button is kept in view (the form grows and shrinks as it is checked),
    // until the operator scrolls with the wheel.
    const std::string form =
        std::to_string(vs.draft.id) + '|' + vs.draft.name + '|' + vs.draft.trigger + '|' + vs.action.str();
    if (form != vs.followed_form) {
        vs.followed_form = form;
        vs.follow = true;
    }
    if (ImGui::GetIO().MouseWheel != 0 && ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows)) vs.follow = false;
    const float visible_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y;
    if (vs.follow && ImGui::GetItemRectMax().y > visible_bottom) ImGui::SetScrollHereY(1.0f);
    ImGui::EndDisabled();
    if (vs.draft.id) {
        ImGui::SameLine(0, 24);
        if (!vs.confirm_delete) {
            if (ImGui::Button("Supprimer la règle")) vs.confirm_delete = true;
            anchor(state, "rule-delete");
        } else {
            ImGui::TextColored(kError, "Supprimer « %s » ?", vs.draft.name.c_str());
            ImGui::SameLine();
            if (ImGui::Button("Confirmer la suppression")) {
                ctl.automations.delete_rule(vs.draft.id);
                vs.open = false;
            }
            anchor(state, "rule-delete-confirm");
            ImGui::SameLine();
            if (ImGui::Button("Annuler")) vs.confirm_delete = false;
        }
    }
}

void draw_jobs(ConsoleState& state, Controller& ctl) {
    auto& model = state.automations;
    const char* labels[] = {"tous", "en attente", "en cours", "fait", "échec", "annulé"};
    for (int i = 0; i < 6; ++i) {
        const std::string status = i == 0 ? "" : kJobStatuses[i - 1];
        if (i > 0) ImGui::SameLine();
        if (ImGui::RadioButton(labels[i], model.job_filter == status)) {
            model.job_filter = status;
            ctl.automations.load_jobs();
        }
        anchor(state, "job-filter:" + (status.empty() ? std::string("all") : status));
    }
    ImGui::SameLine(0, 24);
    if (ImGui::Button("Exécuter les jobs dus")) ctl.automations.run_due_now();
    anchor(state, "jobs-run-due");
    ImGui::SameLine();
    ImGui::TextDisabled("%zu job(s)", model.jobs().size());
    if (ImGui::BeginTable("jobs", 8,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                              ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 50);
        ImGui::TableSetupColumn("Action", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn("Lead", ImGuiTableColumnFlags_WidthFixed, 50);
        ImGui::TableSetupColumn("Statut", ImGuiTableColumnFlags_WidthStretch, 1);
        ImGui::TableSetupColumn("Échéance", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("Envoyé / terminé", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("Essais · erreur", ImGuiTableColumnFlags_WidthStretch, 2);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 80);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(model.jobs().size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto& j = model.jobs()[static_cast<std::size_t>(i)];
                ImGui::PushID(static_cast<int>(j.id));
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Text("%lld", static_cast<long long>(j.id));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(job_kind_label_fr(j.kind));
                ImGui::TableNextColumn();
                if (j.lead_id)
                    ImGui::Text("%lld", static_cast<long long>(*j.lead_id));
                else
                    ImGui::TextDisabled("—");
                ImGui::TableNextColumn();
                ImGui::TextColored(status_color(j.status), "%s", job_status_label_fr(j.status));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(domain::format_paris(j.due_at).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(paris_or_dash(j.sent_at ? j.sent_at : j.completed_at).c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%d%s%s", j.attempts, j.last_error.empty() ? "" : " · ", j.last_error.c_str());
                ImGui::TableNextColumn();
                if (j.status == "failed") {
                    if (ImGui::SmallButton("Relancer")) ctl.automations.retry_job(j.id);
                    anchor(state, "job-retry:" + std::to_string(j.id));
                }
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
}

void draw_templates(ConsoleState& state, Controller& ctl, TemplatesState& vs) {
    const auto& templates = state.automations.templates();
    if (vs.selected.empty() && !templates.empty()) {
        vs.selected = templates.front().name;
        vs.body.set(templates.front().body);
    }
    ImGui::BeginChild("template-list", ImVec2(220, 0), true);
    for (const auto& t : templates) {
        const std::string label = t.name + "  (" + t.channel + (t.transactional ? ", transac." : "") + ")";
        if (ImGui::Selectable(label.c_str(), vs.selected == t.name)) {
            vs.selected = t.name;
            vs.body.set(t.body);
        }
        anchor(state, "template:" + t.name);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("template-editor", ImVec2(0, 0), true);
    const auto* t = state.automations.find_template(vs.selected);
    if (!t) {
        ImGui::TextDisabled(state.automations.loaded() ? "Choisissez un modèle." : "Chargement…");
        ImGui::EndChild();
        return;
    }
    ImGui::Text("%s · %s · %s", t->name.c_str(), t->channel.c_str(), t->transactional ? "transactionnel" : "marketing");
    ImGui::TextDisabled("Balises : {firstName} {city} {date} {time} {agentName}");
    ImGui::InputTextMultiline("##body", vs.body.data, sizeof vs.body.data, ImVec2(-1, 140));
    anchor(state, "template-body");
    const auto error = template_error(*t, vs.body.str());
    if (!error.empty()) ImGui::TextColored(kError, "%s", error.c_str());
    ImGui::TextDisabled("Aperçu (lead exemple) :");
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
    const auto preview = template_preview(vs.body.str());
    ImGui::TextUnformatted(preview.c_str());
    state.shown["template-error"] = error;
    state.shown["template-preview"] = preview;
    ImGui::PopTextWrapPos();
    if (t->channel == "sms") ImGui::TextDisabled("%zu caractères", vs.body.str().size());
    const bool changed = vs.body.str() != t->body;
    ImGui::BeginDisabled(!error.empty() || !changed);
    if (ImGui::Button("Enregistrer le modèle")) ctl.automations.save_template(t->name, vs.body.str());
    anchor(state, "template-save");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!changed);
    if (ImGui::Button("Annuler les changements")) vs.body.set(t->body);
    ImGui::EndDisabled();
    ImGui::EndChild();
}

void draw_notifications(ConsoleState& state, Controller& ctl, NotificationsState& vs) {
    const auto& items = state.automations.notifications();
    if (items.empty()) ImGui::TextDisabled("Aucune notification en attente.");
    for (const auto& n : items) {
        ImGui::PushID(static_cast<int>(n.id));
        ImGui::Separator();
        ImGui::TextWrapped("%s", n.message.c_str());
        ImGui::TextDisabled("%s%s", domain::format_paris(n.created_at).c_str(),
                            n.lead_id ? (" · lead " + std::to_string(*n.lead_id)).c_str() : "");
        for (const auto& a : n.actions) {
            if (!n.delivery_id) continue;
            const bool refund = a == "refund";
            if (!refund && a != "reassign") continue;
            if (ImGui::Button(refund ? "Rembourser" : "Réattribuer")) {
                vs.acting_on = n.id;
                vs.acting = a;
                vs.reason.set("Pas de premier appel sous 24 h");
                vs.agent_choice = 0;
            }
            anchor(state, "notification-" + a + ":" + std::to_string(n.id));
            ImGui::SameLine();
        }
        if (ImGui::Button("Marquer comme traitée")) ctl.automations.resolve_notification(n.id);
        anchor(state, "notification-resolve:" + std::to_string(n.id));
        if (vs.acting_on == n.id && n.delivery_id) {
            if (vs.acting == "refund") {
                ImGui::SetNextItemWidth(320);
                ImGui::InputText("Motif", vs.reason.data, sizeof vs.reason.data);
                ImGui::SameLine();
                ImGui::BeginDisabled(vs.reason.str().empty());
                if (ImGui::Button("Confirmer le remboursement")) {
                    ctl.sales.refund_delivery(*n.delivery_id, vs.reason.str(), n.id);
                    vs.acting_on = 0;
                }
                anchor(state, "notification-refund-confirm:" + std::to_string(n.id));
                ImGui::EndDisabled();
            } else {
                const auto& agents = ctl.sales.agents();
                if (agents.empty()) {
                    ImGui::TextDisabled("Aucun agent disponible.");
                } else {
                    vs.agent_choice = std::min(vs.agent_choice, static_cast<int>(agents.size()) - 1);
                    ImGui::SetNextItemWidth(240);
                    if (ImGui::BeginCombo("Agent", agents[static_cast<std::size_t>(vs.agent_choice)].name.c_str())) {
                        for (int i = 0; i < static_cast<int>(agents.size()); ++i)
                            if (ImGui::Selectable(agents[static_cast<std::size_t>(i)].name.c_str(),
                                                  i == vs.agent_choice))
                                vs.agent_choice = i;
                        ImGui::EndCombo();
                    }
                    ImGui::SameLine();
                    if (ImGui::Button("Confirmer la réattribution")) {
                        ctl.sales.reassign_delivery(*n.delivery_id,
                                                    agents[static_cast<std::size_t>(vs.agent_choice)].id, n.id);
                        vs.acting_on = 0;
                    }
                }
            }
            ImGui::SameLine();
            if (ImGui::Button("Annuler")) vs.acting_on = 0;
        }
        ImGui::PopID();
    }
}

}  // namespace

// Where messages really go: a warning while SMS or e-mail run on the local outbox (with the
// settings that change it), and the button that sends the outbox once a provider is set.
static void draw_outbox_banner(ConsoleState& state, Controller& ctl) {
    const auto& i = state.integrations;
    const auto warning = outbox_warning(i);
    const bool sendable = outbox_sendable(i);
    if (warning.empty() && !sendable && ctl.messages.message.empty()) return;
    if (!warning.empty()) {
        ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.2f, 1), "%s", warning.c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("Pour envoyer vraiment, réglez sur le serveur puis redémarrez-le : %s",
                           provider_setup_hint(i).c_str());
        ImGui::PopStyleColor();
    }
    const auto waiting = i.outbox_sms + i.outbox_email;
    if (waiting > 0) {
        const std::string label = "Envoyer la boîte d'envoi (" + std::to_string(waiting) + ")";
        if (!sendable) ImGui::BeginDisabled();
        if (ImGui::Button(label.c_str())) ctl.messages.send_outbox();
        if (!sendable) {
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::TextDisabled("(configurez d'abord un fournisseur)");
        }
        anchor(state, "send-outbox");
    }
    if (!ctl.messages.message.empty()) ImGui::TextColored(kOk, "%s", ctl.messages.message.c_str());
    state.shown["outbox-send-message"] = ctl.messages.message;
    ImGui::Separator();
}

void draw_automations_view(ConsoleState& state, Controller& ctl, AutomationsViewState& vs) {
    auto& model = state.automations;
    draw_outbox_banner(state, ctl);
    if (ImGui::Button("Actualiser")) ctl.automations.load();
    ImGui::SameLine();
    if (!ctl.automations.message.empty())
        ImGui::TextColored(ImVec4(0.55f, 0.75f, 1, 1), "%s", ctl.automations.message.c_str());
    else if (!model.loaded())
        ImGui::TextDisabled("Chargement des automatisations…");
    if (!ImGui::BeginTabBar("automation-sections")) return;
    struct Section {
        const char* label;
        const char* id;
        std::function<void()> draw;
    };
    const std::string notif_label =
        "Notifications (" + std::to_string(model.notifications().size()) + ")###automations-notifications";
    const Section sections[] = {
        {"Règles", "rules", [&] { draw_rules(state, ctl, vs.rules); }},
        {"Jobs", "jobs", [&] { draw_jobs(state, ctl); }},
        {"Modèles", "templates", [&] { draw_templates(state, ctl, vs.templates); }},
        {notif_label.c_str(), "notifications", [&] { draw_notifications(state, ctl, vs.notifications); }}};
    for (const auto& s : sections) {
        const bool open = ImGui::BeginTabItem(s.label);
        anchor(state, std::string("automations:") + s.id);
        if (open) {
            s.draw();
            ImGui::EndTabItem();
        }
    }
    ImGui::EndTabBar();
}

}  // namespace crm::console
