#include <imgui.h>

#include <cstdio>

#include "crm/domain/calling_windows.hpp"
#include "views/views.hpp"

namespace crm::console {

namespace {
void prefill_booking(const ConsoleState& state, BookingFormState& vs) {
    // Tomorrow's first open call window, at 10:00 unless the operator changes it.
    const auto next = domain::next_call_window_open(state.now() + 86400, state.settings());
    std::snprintf(vs.date, sizeof vs.date, "%s", domain::format_paris(next, "%d/%m/%Y").c_str());
}
}  // namespace

bool draw_booking_form(ConsoleState& state, Controller& ctl, BookingFormState& vs, std::int64_t lead_id, bool compact) {
    if (vs.date[0] == 0) prefill_booking(state, vs);
    const float field = compact ? ImGui::GetContentRegionAvail().x * 0.55f : 0;
    if (compact) ImGui::SetNextItemWidth(field);
    ImGui::InputText("Date (jj/mm/aaaa)", vs.date, sizeof vs.date);
    anchor(state, "booking-date");
    if (compact) ImGui::SetNextItemWidth(field);
    ImGui::InputText("Heure (hh:mm, Paris)", vs.time, sizeof vs.time);
    anchor(state, "booking-time");
    if (compact) ImGui::SetNextItemWidth(field);
    ImGui::InputInt("Durée (min)", &vs.minutes);
    if (compact) ImGui::SetNextItemWidth(field);
    ImGui::InputText("Lieu", vs.place, sizeof vs.place);
    anchor(state, "booking-place");
    state.shown["booking-place"] = vs.place;
    int d = 0, m = 0, y = 0, h = 0, mi = 0;
    const bool valid = std::sscanf(vs.date, "%d/%d/%d", &d, &m, &y) == 3 &&
                       std::sscanf(vs.time, "%d:%d", &h, &mi) == 2 && m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
                       h >= 0 && h < 24 && mi >= 0 && mi < 60 && vs.minutes > 0;
    if (!valid) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "Date ou heure invalide.");
    ImGui::BeginDisabled(!valid);
    const bool book = ImGui::Button("Réserver (6 RDV pris)",
                                    ImVec2(compact ? ImGui::GetContentRegionAvail().x : 0, compact ? 48 : 0));
    anchor(state, "booking-save");
    ImGui::EndDisabled();
    if (book) {
        const auto start = domain::from_paris(y, m, d, h, mi);
        ctl.queue.book(start, start + vs.minutes * 60, vs.place, lead_id);
        vs.date[0] = 0;  // the next booking starts from tomorrow again
        vs.place[0] = 0;
    }
    return book;
}

void draw_dialogs(ConsoleState& state, Controller& ctl, DialogsState& vs, BookingFormState& booking) {
    // Booking: a slot in Paris time (defaults to the next open window tomorrow). On the Express
    // layout the slot is asked on the same screen instead (express_view.cpp).
    const bool express = ImGui::GetIO().DisplaySize.x < 720;
    if (ctl.queue.open_booking && !express) {
        prefill_booking(state, booking);
        ImGui::OpenPopup("Réserver un créneau");
    }
    if (ctl.queue.open_booking && express) prefill_booking(state, booking);
    ctl.queue.open_booking = false;
    if (ImGui::BeginPopupModal("Réserver un créneau", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (draw_booking_form(state, ctl, booking, 0, false)) ImGui::CloseCurrentPopup();
        ImGui::SameLine();
        if (ImGui::Button("Annuler")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }

    // SMS: pick a template, see it merged for this lead, send.
    if (ctl.queue.open_sms) {
        ImGui::OpenPopup("Envoyer un SMS");
        ctl.queue.open_sms = false;
    }
    if (ImGui::BeginPopupModal("Envoyer un SMS", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        std::vector<const TemplateInfo*> sms;
        for (const auto& t : ctl.queue.templates())
            if (t.channel == "sms") sms.push_back(&t);
        if (sms.empty()) {
            ImGui::TextDisabled("Aucun modèle SMS.");
        } else {
            vs.chosen = std::min(vs.chosen, static_cast<int>(sms.size()) - 1);
            for (int i = 0; i < static_cast<int>(sms.size()); ++i)
                if (ImGui::RadioButton(sms[static_cast<std::size_t>(i)]->name.c_str(), vs.chosen == i)) vs.chosen = i;
            ImGui::Separator();
            ImGui::PushTextWrapPos(480);
            ImGui::TextUnformatted(ctl.queue.preview(sms[static_cast<std::size_t>(vs.chosen)]->name).c_str());
            ImGui::PopTextWrapPos();
            if (ImGui::Button("Envoyer")) {
                ctl.queue.send_sms(sms[static_cast<std::size_t>(vs.chosen)]->name);
                ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine();
        }
        if (ImGui::Button("Fermer")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }

    // Follow-up J+N, moved to the next open call window by the domain library.
    if (ctl.follow_ups.open_dialog) {
        ImGui::OpenPopup("Programmer une relance");
        ctl.follow_ups.open_dialog = false;
    }
    if (ImGui::BeginPopupModal("Programmer une relance", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::InputInt("Dans (jours)", &vs.days);
        vs.days = std::max(0, std::min(vs.days, 365));
        ImGui::Text("Le %s",
                    domain::format_paris(domain::follow_up_due(state.now(), vs.days, state.settings())).c_str());
        if (ImGui::Button("Programmer")) {
            ctl.follow_ups.add(vs.days);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Annuler")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace crm::console
