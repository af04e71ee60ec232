#pragma once
// A seller's direct contact (phone, e-mail, surname) as the rest of the system handles it:
// masked for an agent who has not committed to the lead yet, and found again inside free text
// (notes, messages, errors) so that it can be masked there too or erased for good.
#include <cstddef>
#include <string>
#include <vector>

namespace crm::domain {

// --- what an agent sees before committing -------------------------------------------------

// The contact is the agent's once the lead is accepted and paid for (credits are charged on
// Accept; a card delivery also needs Stripe's payment), or at once for a trusted agent.
bool contact_revealed(bool full_contact, bool accepted, bool paid);

// "06 12 34 56 78" → "06 •• •• •• ••": the first two digits stay (mobile or landline), the
// layout stays, every other digit becomes •.
std::string mask_phone(const std::string& phone);
// "julien.moreau@example.fr" → "j•••@•••.fr"; anything without an @ → "•••"; "" stays "".
std::string mask_email(const std::string& email);
// "Moreau" → "M.", "Émilie" → "É." (one UTF-8 character); "" stays "".
std::string surname_initial(const std::string& surname);

// `text` (a note, the consent words, a name) with the person's number, however written, their
// e-mail and their surname (as a word) replaced by the masks above.
std::string mask_contact_in(const std::string& text, const std::string& phone, const std::string& email,
                            const std::string& surname);

// --- finding a person's details in text ----------------------------------------------------

struct TextSpan {
    std::size_t begin = 0, end = 0;  // byte offsets, [begin, end)
};

// The digits that identify a phone number in whatever way it is written: the last nine digits
// of its E.164 or typed form (a French number without its 0 or +33), or all of them when there
// are 6 to 8. Empty when the input has fewer than 6 digits.
std::string phone_key(const std::string& phone);

// Where `text` writes the number whose phone_key is `key`: runs of digits joined by spaces,
// dots, dashes, slashes, brackets, a leading + or a no-break space ("06.12.34.56.78",
// "+33 (0)6 12 34 56 78", "0612345678") whose digits contain the key. Empty key → none.
std::vector<TextSpan> phone_spans(const std::string& text, const std::string& key);

// Every occurrence of `needle` in `text`, ASCII letters compared without case. Needles of
// fewer than 2 bytes find nothing (a one-letter name would match everywhere).
std::vector<TextSpan> find_without_case(const std::string& text, const std::string& needle);

// The same, only where the needle stands as a word of its own (no letter, digit or non-ASCII
// byte on either side): "Blanc" in "M. Blanc," but not in "blanche".
std::vector<TextSpan> find_word_without_case(const std::string& text, const std::string& word);

// `text` with each span replaced by `with`; spans may overlap and come in any order.
std::string replace_spans(const std::string& text, std::vector<TextSpan> spans, const std::string& with);

}  // namespace crm::domain
