// The typed reads of the annex view and the legal catalogue (Controller, Purpose, LegalBasis,
// the allowed links, the purpose matrix): the same records every other read returns, through
// the one record store, given the types callers of the annex view know.

#include <algorithm>

#include "domain/purpose_matrix.hpp"
#include "ropa/register.hpp"

namespace ropa {

namespace {

// A record's values by field name, as the entity description types them (absent = empty).
class FieldsOf {
public:
    explicit FieldsOf(const Fields& fields) : fields_(fields) {}

    LocalizedText text(const std::string& name) const { return value<LocalizedText>(name).value_or(LocalizedText{}); }
    std::optional<std::string> string(const std::string& name) const { return value<std::string>(name); }
    bool flag(const std::string& name) const { return value<bool>(name).value_or(false); }
    std::optional<int> number(const std::string& name) const {
        const auto n = value<std::int64_t>(name);
        return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
    }
    Codes codes(const std::string& name) const { return value<Codes>(name).value_or(Codes{}); }

private:
    template <class T>
    std::optional<T> value(const std::string& name) const {
        const auto it = fields_.find(name);
        if (it == fields_.end())
            return std::nullopt;
        if (const auto* found = std::get_if<T>(&it->second))
            return *found;
        return std::nullopt;
    }
    const Fields& fields_;
};

LegalBasisKind basis_kind(const std::optional<std::string>& stored) {
    if (stored == "special_category")
        return LegalBasisKind::special_category;
    if (stored == "criminal_data")
        return LegalBasisKind::criminal_data;
    return LegalBasisKind::lawfulness;
}

// The catalogue in the order the migrations made it (Art. 6, 9, 10; Art. 45 to 49), as printed.
template <class T>
std::vector<T> in_id_order(std::vector<T> items) {
    std::sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.id < b.id; });
    return items;
}

// Each record (or link) given its type by `make`, in the order read.
template <class Made, class Item, class Make>
std::vector<Made> each_as(const std::vector<Item>& items, Make make) {
    std::vector<Made> out;
    out.reserve(items.size());
    for (const auto& item : items)
        out.push_back(make(item, FieldsOf(item.fields)));
    return out;
}

}  // namespace

std::optional<Controller> RegisterView::controller() const {
    const auto found = list(EntityKind::controller);
    if (found.empty())
        return std::nullopt;
    const FieldsOf f(found.front().fields);
    Controller c;
    c.name = f.text("name");
    c.address = f.string("address");
    c.email = f.string("email");
    c.phone = f.string("phone");
    c.website = f.string("website");
    c.registration_number = f.string("registration_number");
    c.is_public_authority = f.flag("is_public_authority");
    c.representative_name = f.string("representative_name");
    c.representative_contact = f.string("representative_contact");
    c.dpo_name = f.string("dpo_name");
    c.dpo_email = f.string("dpo_email");
    c.dpo_phone = f.string("dpo_phone");
    c.dpo_address = f.string("dpo_address");
    c.revision = found.front().revision;
    return c;
}

std::vector<LegalBasis> RegisterView::legal_bases() const {
    return in_id_order(
        each_as<LegalBasis>(list(EntityKind::legal_basis), [](const auto& record, const FieldsOf& f) -> LegalBasis {
            return {record.id,
                    *record.code,
                    f.string("article").value_or(""),
                    basis_kind(f.string("kind")),
                    f.text("name"),
                    f.flag("to_be_determined")};
        }));
}

std::vector<TransferTool> RegisterView::transfer_tools() const {
    return in_id_order(each_as<TransferTool>(list(EntityKind::transfer_tool),
                                             [](const auto& record, const FieldsOf& f) -> TransferTool {
                                                 return {record.id, *record.code, f.string("article").value_or(""),
                                                         f.flag("requires_safeguards_documentation"), f.text("name")};
                                             }));
}

std::vector<LegalSource> RegisterView::legal_sources() const {
    return each_as<LegalSource>(list(EntityKind::legal_source),
                                [](const auto& record, const FieldsOf& f) -> LegalSource {
                                    return {record.id,
                                            *record.code,
                                            f.text("title"),
                                            f.string("reference"),
                                            f.string("article"),
                                            f.string("url"),
                                            f.string("jurisdiction").value_or("")};
                                });
}

std::vector<PurposeGroup> RegisterView::purpose_groups() const {
    return each_as<PurposeGroup>(list(EntityKind::purpose_group),
                                 [](const auto& record, const FieldsOf& f) -> PurposeGroup {
                                     return {record.id, *record.code, f.text("name"), f.string("provenance")};
                                 });
}

std::vector<Purpose> RegisterView::purposes() const {
    return each_as<Purpose>(list(EntityKind::purpose), [](const auto& record, const FieldsOf& f) -> Purpose {
        return {record.id,
                *record.code,
                f.text("name"),
                f.text("description"),
                f.string("group"),
                f.number("display_order"),
                f.string("provenance"),
                record.revision};
    });
}

std::vector<DataCategory> RegisterView::data_categories() const {
    return each_as<DataCategory>(list(EntityKind::data_category),
                                 [](const auto& record, const FieldsOf& f) -> DataCategory {
                                     return {record.id,
                                             *record.code,
                                             f.text("name"),
                                             f.text("description"),
                                             f.flag("is_special"),
                                             f.flag("is_criminal"),
                                             f.number("display_order"),
                                             record.revision};
                                 });
}

std::vector<PurposeCategoryLink> RegisterView::purpose_category_links() const {
    return each_as<PurposeCategoryLink>(list_links(LinkKind::purpose_data_category),
                                        [](const auto& link, const FieldsOf& f) -> PurposeCategoryLink {
                                            return {link.from, link.to, f.text("note"), f.string("provenance")};
                                        });
}

std::vector<PurposeBasisLink> RegisterView::purpose_basis_links() const {
    return each_as<PurposeBasisLink>(list_links(LinkKind::purpose_legal_basis),
                                     [](const auto& link, const FieldsOf& f) -> PurposeBasisLink {
                                         return {link.from, link.to, f.codes("legal_sources"), f.string("provenance")};
                                     });
}

std::vector<PurposeSourceLink> RegisterView::purpose_source_links() const {
    return each_as<PurposeSourceLink>(list_links(LinkKind::purpose_legal_source),
                                      [](const auto& link, const FieldsOf& f) -> PurposeSourceLink {
                                          return {link.from, link.to, f.string("provenance")};
                                      });
}

PurposeMatrix RegisterView::purpose_matrix() const {
    // One read transaction, so the four reads see the same state even with writers about.
    PurposeMatrix matrix;
    read_consistently([&] {
        matrix =
            detail::build_purpose_matrix(purposes(), data_categories(), purpose_category_links(), purpose_groups());
    });
    return matrix;
}

}  // namespace ropa
