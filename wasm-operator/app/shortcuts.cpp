#include "app/shortcuts.hpp"

namespace crm::console {

namespace {
// GLFW key codes (GLFW/glfw3.h): letters are their ASCII capitals, digits their ASCII.
constexpr int kSlash = 47;
constexpr int kComma = 44;  // the settings, as in most apps
}  // namespace

std::optional<Action> shortcut_for_key(int key, bool shift, bool typing) {
    if (typing) return std::nullopt;
    if (key >= '1' && key <= '7' && !shift) return Action{ActionKind::outcome, key - '0'};
    // Shift+digit, not Alt/Ctrl+digit: browsers keep those for their own tabs.
    if (key >= '1' && key <= '5' && shift) return Action{ActionKind::tab, key - '0'};
    if (key == kSlash && shift) return Action{ActionKind::help};  // "?" on a US/FR layout via shift
    switch (key) {
        case 'J':
            return Action{ActionKind::next};
        case 'K':
            return Action{ActionKind::prev};
        case 'C':
            return Action{ActionKind::call};
        case 'S':
            return Action{ActionKind::sms};
        case 'W':
            return Action{ActionKind::whatsapp};
        case 'B':
            return Action{ActionKind::book};
        case 'I':
            return Action{ActionKind::ics};
        case 'P':
            return Action{ActionKind::deliver};
        case 'T':
            return Action{ActionKind::follow_up};
        case 'A':
            return Action{ActionKind::consent};
        case 'N':
            return Action{ActionKind::new_lead};
        case 'E':
            return Action{ActionKind::edit_lead};
        case kComma:
            return Action{ActionKind::settings};
        case kSlash:
            return Action{ActionKind::search};
        case 'R':
            return Action{ActionKind::refresh};
        case 'V':
            return Action{ActionKind::toggle_days};
        case 'D':
            return Action{ActionKind::duplicates};
        case 'O':
            return Action{ActionKind::import_csv};
        case 'F':
            return Action{ActionKind::follow_ups};
        default:
            return std::nullopt;
    }
}

const std::vector<ShortcutHelp>& shortcut_help() {
    static const std::vector<ShortcutHelp> help = {
        {"J / K", "lead suivant / précédent"},
        {"C", "appeler (lance le chrono)"},
        {"S", "SMS (modèle)"},
        {"W", "WhatsApp"},
        {"B", "réserver un créneau"},
        {"I", "télécharger le .ics"},
        {"P", "livrer à un agent"},
        {"1", "Répondu"},
        {"2", "Pas de réponse"},
        {"3", "Messagerie"},
        {"4", "Mauvais numéro"},
        {"5", "Pas vendeur"},
        {"6", "RDV pris"},
        {"7", "Ne pas contacter"},
        {"T", "relance (tâche)"},
        {"F", "à rappeler : les relances en retard, du jour, à venir (Fait, +1 h, demain 10 h, J+2)"},
        {"A", "consentement donné (texte lu au téléphone)"},
        {"N / E", "nouveau lead / modifier le lead (doublons signalés)"},
        {",", "réglages (règles d'appel, plafonds, RGPD, prix)"},
        {"/", "rechercher"},
        {"?", "cette aide"},
        {"Maj+1…5", "onglets : file, pipeline, livraisons, automatisations, tableau de bord"},
        {"R", "actualiser l'onglet (tableau de bord, automatisations)"},
        {"V", "tableau de bord : 7 jours ↔ 30 jours"},
        {"D", "doublons (tableau de bord) : comparer, fusionner"},
        {"O", "importer un fichier CSV de leads"},
        {"Entrée / Échap", "confirmer / annuler une fusion"},
    };
    return help;
}

}  // namespace crm::console
