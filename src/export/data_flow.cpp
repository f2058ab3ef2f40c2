// The data-flow picture of the HTML export: SVG drawn at export time, no script, no external
// resource. Three columns: the activities, whom they disclose the data to (recipients and
// processors, Art. 30(1)(d)), and the third countries or international organisations the data
// go on to (Art. 30(1)(e)), each with the transfer tool they go under. The activities are
// drawn a few at a time, one figure each, so that a figure fits a printed page and no more
// than one figure's activities are held however large the register.

#include <algorithm>
#include <map>

#include "export/formats.hpp"

namespace ropa::detail {

namespace {

constexpr int box_width = 250, box_height = 26, row_pitch = 34, top = 34;
constexpr int column_x[3] = {6, 326, 646};
constexpr int figure_width = 902;
constexpr std::size_t most_activities = 10, most_rows = 22;

struct Node {
    std::string key;    ///< kind and code, to draw each once per figure
    std::string label;  ///< as shown (cut to fit)
    std::string title;  ///< whole, as the tooltip
    const char* style;  ///< CSS class
};

struct Edge {
    std::size_t from_column, from, to_column, to;
};

struct Figure {
    std::vector<Node> columns[3];
    std::vector<Edge> edges;
    std::size_t activities = 0;

    std::size_t node(std::size_t column, Node node) {
        auto& list = columns[column];
        for (std::size_t i = 0; i < list.size(); ++i)
            if (list[i].key == node.key)
                return i;
        list.push_back(std::move(node));
        return list.size() - 1;
    }
    void edge(Edge edge) {
        for (const auto& e : edges)
            if (e.from_column == edge.from_column && e.from == edge.from && e.to_column == edge.to_column &&
                e.to == edge.to)
                return;
        edges.push_back(std::move(edge));
    }
    std::size_t rows() const {
        return std::max({columns[0].size(), columns[1].size(), columns[2].size()});
    }
};

// A label that fits its box (about 39 characters at 11px), cut at a character boundary.
std::string fitted(const std::string& text) {
    constexpr std::size_t most = 39;
    std::size_t characters = 0, cut = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
            continue;
        if (characters == most - 1)
            cut = i;
        if (++characters > most)
            return text.substr(0, cut) + "\u2026";
    }
    return text;
}

Node make_node(const std::string& key, const std::string& label, const char* style) {
    return {key, fitted(label), label, style};
}

// One activity's flows added to the figure.
void add_flows(Figure& figure, const RecordView& view, const TextPicker& text, const ActivityRecord& entry) {
    const auto& code = *entry.activity.code;
    const auto name = text(entry.activity.fields.at("name"));
    const auto& recipients = entry.links_of(LinkKind::activity_recipient);
    const auto& processors = entry.links_of(LinkKind::activity_processor);
    const auto& transfers = entry.links_of(LinkKind::activity_transfer);
    if (recipients.empty() && processors.empty() && transfers.empty())
        return;
    const auto activity = figure.node(0, make_node("activity:" + code, code + ": " + name, "activity"));
    ++figure.activities;
    const auto processor_name = [&](const std::string& processor) {
        const Record* p = view.find(EntityKind::processor, processor);
        return p ? text(p->fields.at("name")) : processor;
    };
    // A recipient that is a processor and the processor itself are one box: "Hosting provider
    // (CloudCo Inc., processor)", not two.
    const auto recipient_node = [&](const std::string& recipient) {
        const Record* r = view.find(EntityKind::recipient, recipient);
        const auto shown = r ? text.name_of(*r) : recipient;
        const auto* processor = r ? std::get_if<std::string>(&r->fields.at("processor")) : nullptr;
        if (processor && !processor->empty())
            return figure.node(1, make_node("processor:" + *processor,
                                            shown + " (" + processor_name(*processor) + ", " + text.label("processor") + ")",
                                            "processor"));
        return figure.node(1, make_node("recipient:" + recipient, shown, "recipient"));
    };
    for (const auto& link : recipients)
        figure.edge({0, activity, 1, recipient_node(link.to)});
    for (const auto& link : processors) {
        const auto shown = processor_name(link.to) + " (" + text.label("processor") + ")";
        figure.edge({0, activity, 1, figure.node(1, make_node("processor:" + link.to, shown, "processor"))});
    }
    for (const auto& link : transfers) {
        const Record* transfer = view.find(EntityKind::transfer, link.to);
        if (!transfer)
            continue;
        auto destination = country_shown(text(transfer->fields.at("country")), text);
        if (destination.empty())
            destination = text(transfer->fields.at("international_organisation"));
        std::string tool = text(transfer->fields.at("transfer_tool"));
        if (const Record* t = tool.empty() ? nullptr : view.find(EntityKind::transfer_tool, tool))
            tool = text(t->fields.at("article"));
        // the destination with the tool the data go there under, so that no label lies on an arrow
        const auto shown = destination + (tool.empty() ? ": " + text.label("no transfer tool recorded") : ", " + tool);
        const auto to = figure.node(2, make_node("destination:" + shown, shown, "country"));
        // through its recipient where the transfer names one, else from the activity itself
        if (const auto recipient = text(transfer->fields.at("recipient")); !recipient.empty()) {
            const auto middle = recipient_node(recipient);
            figure.edge({0, activity, 1, middle});
            figure.edge({1, middle, 2, to});
        } else {
            figure.edge({0, activity, 2, to});
        }
    }
}

void draw(std::ostream& out, const TextPicker& text, const Figure& figure, std::size_t number) {
    const int height = top + static_cast<int>(figure.rows()) * row_pitch + 8;
    const auto y_of = [](std::size_t row) { return top + static_cast<int>(row) * row_pitch; };
    const std::string arrow = "flow-arrow-" + std::to_string(number);
    out << "<figure class=\"flow\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << figure_width << " "
        << height << "\" role=\"img\" aria-labelledby=\"flow-title-" << number << "\">\n<title id=\"flow-title-"
        << number << "\">"
        << html_escape(text.label("How the data flow: activities, their recipients and processors, and transfers to "
                                  "third countries"))
        << " (" << number << ")</title>\n<defs><marker id=\"" << arrow
        << "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
        << "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n";
    const char* headings[3] = {"Processing activity", "Recipients and processors (Art. 30(1)(d))",
                               "Third countries (Art. 30(1)(e))"};
    for (int c = 0; c < 3; ++c)
        out << "<text class=\"heading\" x=\"" << column_x[c] << "\" y=\"18\">" << html_escape(text.label(headings[c]))
            << "</text>\n";
    for (const auto& edge : figure.edges) {
        const int x1 = column_x[edge.from_column] + box_width, y1 = y_of(edge.from) + box_height / 2;
        const int x2 = column_x[edge.to_column], y2 = y_of(edge.to) + box_height / 2;
        out << "<path class=\"edge\" d=\"M" << x1 << "," << y1 << " C" << x1 + 45 << "," << y1 << " " << x2 - 45 << ","
            << y2 << " " << x2 << "," << y2 << "\" marker-end=\"url(#" << arrow << ")\"/>\n";
    }
    for (int c = 0; c < 3; ++c)
        for (std::size_t row = 0; row < figure.columns[c].size(); ++row) {
            const auto& node = figure.columns[c][row];
            out << "<g class=\"" << node.style << "\"><title>" << html_escape(node.title) << "</title><rect x=\""
                << column_x[c] << "\" y=\"" << y_of(row) << "\" width=\"" << box_width << "\" height=\"" << box_height
                << "\" rx=\"4\"/><text x=\"" << column_x[c] + 7 << "\" y=\"" << y_of(row) + 17 << "\">"
                << html_escape(node.label) << "</text></g>\n";
        }
    out << "</svg>\n</figure>\n";
}

} // namespace

std::string data_flow_style() {
    return R"(
figure.flow { margin: 0.5em 0 1.5em; break-inside: avoid; }
figure.flow svg { width: 100%; height: auto; max-height: 240mm; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11px; }
figure.flow .heading { font-weight: bold; fill: #234; }
figure.flow rect { stroke: #555; stroke-width: 1; }
figure.flow .activity rect { fill: #e3e8ee; }
figure.flow .recipient rect { fill: #fff; }
figure.flow .processor rect { fill: #fff; stroke-dasharray: 4 3; }
figure.flow .country rect { fill: #fbe3d4; }
figure.flow .edge { fill: none; stroke: #555; stroke-width: 1.2; }
)";
}

void write_data_flow(const RecordView& view, const TextPicker& text, std::ostream& out) {
    Figure figure;
    std::size_t figures = 0;
    std::vector<std::string> without_flows;  // the first 30 codes, named in the note
    std::size_t without_flows_count = 0;
    const auto flush = [&] {
        if (figure.activities > 0)
            draw(out, text, figure, ++figures);
        figure = Figure{};
    };
    view.for_each_activity([&](const ActivityRecord& activity) {
        Figure next = figure;
        add_flows(next, view, text, activity);
        if (next.activities == figure.activities) {
            if (++without_flows_count <= 30)
                without_flows.push_back(*activity.activity.code);
            return;
        }
        // A figure holds a few activities and no more rows than fit a printed page; an activity
        // that alone has more is drawn alone (and scaled down to the page).
        if (figure.activities > 0 && (next.activities > most_activities || next.rows() > most_rows)) {
            flush();
            add_flows(figure, view, text, activity);
        } else {
            figure = std::move(next);
        }
    });
    flush();
    if (figures == 0)
        out << "<p>"
            << html_escape(text.label("No activity discloses data to a recipient or processor, or transfers them to a "
                                      "third country."))
            << "</p>\n";
    std::string note;
    if (!without_flows.empty()) {
        note = text.label("Activities that record no recipient, processor or transfer are not drawn") + ": ";
        for (std::size_t i = 0; i < without_flows.size(); ++i)
            note += (i ? ", " : "") + without_flows[i];
        if (without_flows_count > without_flows.size())
            note += ", ... (" + std::to_string(without_flows_count) + ")";
        note += ". ";
    }
    if (figures > 0)
        note += text.label("Dashed: a processor (Art. 28). The tables below give every name whole.");
    if (!note.empty())
        out << "<p class=\"note\">" << html_escape(note) << "</p>\n";
}

} // namespace ropa::detail
