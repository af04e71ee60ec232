// The operator console: GLFW + WebGL2 + Dear ImGui 1.86 in the page's #operator-canvas.
// Platform glue only: the window, fonts, the key callback, the frame loop and the test hook.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cfloat>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "api/api_client.hpp"
#include "app/controller.hpp"
#include "views/views.hpp"

using namespace crm::console;

// Phones show their keyboard only for a focused HTML field: while ImGui wants text on a touch
// device, a hidden <input> takes the focus and forwards what is typed to ImGui.
// JavaScript inside: kept out of clang-format.
// clang-format off
EM_JS(void, text_bridge_update, (int want_text), {
    if (!('ontouchstart' in window) && !(navigator.maxTouchPoints > 0)) return;
    let el = document.getElementById('crm-text-bridge');
    if (!el) {
        el = document.createElement('input');
        el.id = 'crm-text-bridge';
        el.type = 'text';
        el.autocomplete = 'off';
        el.setAttribute('autocapitalize', 'off');
        el.style.cssText =
            'position:fixed;left:0;bottom:0;width:1px;height:1px;opacity:0;font-size:16px;border:0;padding:0';
        // Hardware-style keys reach ImGui through GLFW's own keypress listener; virtual keyboards
        // send no keypress (keyCode 229), only 'input': forward those characters, once.
        let viaKeypress = false;
        el.addEventListener(
            'keypress', function() { viaKeypress = true; });
        el.addEventListener(
            'input', function() {
                if (!viaKeypress)
                    for (const ch of el.value) Module._crm_console_input_char(ch.codePointAt(0));
                viaKeypress = false;
                el.value = "";
            });
        document.body.appendChild(el);
    }
    if (want_text && document.activeElement !== el) el.focus();
    if (!want_text && document.activeElement === el) el.blur();
});

// Emscripten 3.1.6's GLFW turns a touch into a button press at the last *mouse* position (it
// never updates the cursor for touches): report the touch point ourselves, before GLFW sees it.
EM_JS(void, install_touch_tracking, (), {
    const report = function(e) {
        const t = e.touches[0];
        if (!t) return;
        const r = Module.canvas.getBoundingClientRect();
        Module._crm_console_touch(t.clientX - r.left, t.clientY - r.top);
    };
    window.addEventListener('touchstart', report, {capture: true, passive: true});
    window.addEventListener('touchmove', report, {capture: true, passive: true});
    // GLFW takes the touch itself as a press and a release; the browser then sends the same tap
    // again as compatibility mouse events, sometimes frames later: one tap would be two clicks
    // (a follow-up planned twice). Those mouse presses are dropped before they reach GLFW.
    let lastTouch = -1e9;
    const touched = function() { lastTouch = performance.now(); };
    window.addEventListener('touchstart', touched, {capture: true, passive: true});
    window.addEventListener('touchend', touched, {capture: true, passive: true});
    const dropAfterTouch = function(e) {
        if (performance.now() - lastTouch < 1000) e.stopImmediatePropagation();
    };
    window.addEventListener('mousedown', dropAfterTouch, {capture: true});
    window.addEventListener('mouseup', dropAfterTouch, {capture: true});
});

// CSV import: a hidden <input type=file> opened from a frame that follows the operator's key or
// click (the browser still counts it as their gesture); the chosen file's text goes to C++
// through crm_console_csv_file(status, name, text): 0 read, 1 unreadable, 2 too large.
EM_JS(void, open_csv_file_dialog, (), {
    let input = document.getElementById('crm-csv-input');
    if (!input) {
        input = document.createElement('input');
        input.type = 'file';
        input.id = 'crm-csv-input';
        input.accept = '.csv,text/csv,text/plain';
        input.style.display = 'none';
        const toHeap = function(s) {
            const size = lengthBytesUTF8(s) + 1;
            const p = _malloc(size);
            stringToUTF8(s, p, size);
            return p;
        };
        const hand = function(status, name, text) {
            const n = toHeap(name), t = toHeap(text);
            Module._crm_console_csv_file(status, n, t);
            _free(n);
            _free(t);
        };
        input.addEventListener(
            'change', function() {
                const file = input.files && input.files[0];
                input.value = "";  // choosing the same file again is a change too
                if (!file) return;
                // Far above the server's 1 MiB limit: not worth copying into the heap.
                if (file.size > 8 * 1024 * 1024) return hand(2, file.name, "");
                file.text().then(
                    function(text) { hand(0, file.name, text); },
                    function() { hand(1, file.name, ""); });
            });
        document.body.appendChild(input);
    }
    input.click();
});
// clang-format on

namespace {

GLFWwindow* g_window = nullptr;
ConsoleState g_state;
ApiClient g_api;
Controller g_controller(g_state, g_api);
ViewStates g_views;  // what the views keep between frames (views/view_states.hpp)
std::deque<Action> g_actions;
struct ChosenFile {
    int status;  // 0 read, 1 unreadable, 2 too large
    std::string name, text;
};
std::deque<ChosenFile> g_files;  // CSV files chosen in the browser's dialog, for the next frame
// The device's copy, read from IndexedDB, handed to the console one part per frame: records of
// one kind, then the end (meta and outbox, nullopt: missing).
struct DeviceCopyPart {
    bool end = false;
    std::string kind, records;
    std::optional<std::string> meta, outbox;
};
std::deque<DeviceCopyPart> g_device_copy;
std::deque<int> g_device_saved;  // revisions written to IndexedDB (0: failed), for the next frame
int g_file_dialogs = 0;          // times the file dialog was asked for (test hook)
double g_frame_ms = 0;           // CPU time of the last frames (moving average), for the test hook
std::vector<float> g_frame_log;  // CPU time of every frame, in ms (the benchmark reads it)
long g_frames_drawn = 0;         // frames that reached WebGL (the others drew the same pixels)
// The last touch point (CSS px), used until the mouse moves on its own (GLFW's cursor then).
bool g_touch_active = false;
ImVec2 g_touch_pos;
double g_cursor_at_touch_x = 0, g_cursor_at_touch_y = 0;
int g_canvas_width = 0, g_canvas_height = 0;  // the backing store's size, set when the window changes
bool g_dark_theme = true;                     // the theme ImGui's style has

// ImGui 1.86 polls keys once per frame: a press and release within one frame is lost, and so is
// a second press of a key in the frame of the first (two quick Backspaces), and it applies the
// characters typed in a frame before the keys (docs/TOOLCHAIN.md). So keys and characters wait in
// one queue and reach ImGui in their order, one key press per frame; a shortcut is read from a
// key press when it leaves the queue, with the text focus of that moment.
struct InputEvent {
    bool is_char = false;
    unsigned int codepoint = 0;
    int key = 0, scancode = 0, action = 0, mods = 0;
};
std::deque<InputEvent> g_input;

void key_callback(GLFWwindow*, int key, int scancode, int action, int mods) {
    g_input.push_back({false, 0, key, scancode, action, mods});
}

void char_callback(GLFWwindow*, unsigned int c) {
    g_input.push_back({true, c});
}

void deliver_input() {
    bool pressed = false;
    std::vector<int> keys_moved;  // pressed or released in this frame
    while (!g_input.empty()) {
        const auto e = g_input.front();
        const bool press = !e.is_char && e.action != GLFW_RELEASE;
        // A key goes down and up in different frames, else ImGui would not see it change.
        const bool moved_this_frame =
            !e.is_char && std::find(keys_moved.begin(), keys_moved.end(), e.key) != keys_moved.end();
        if ((pressed && (press || e.is_char)) || moved_this_frame) break;  // the next frame
        g_input.pop_front();
        if (!e.is_char) keys_moved.push_back(e.key);
        if (e.is_char) {
            ImGui_ImplGlfw_CharCallback(g_window, e.codepoint);
            continue;
        }
        if (e.action == GLFW_PRESS) {
            if (auto a = shortcut_for_key(e.key, (e.mods & GLFW_MOD_SHIFT) != 0, ImGui::GetIO().WantTextInput))
                g_actions.push_back(*a);
        }
        if (press) pressed = true;
        ImGui_ImplGlfw_KeyCallback(g_window, e.key, e.scancode, e.action, e.mods);
    }
}

// What the last frame drew (framebuffer size, vertices, indices, commands), as bytes: a frame
// that would draw the same pixels skips the WebGL work, so an idle console, or one waiting for a
// sync, costs the GPU nothing (with software rendering that was more than one of two cores).
// The canvas keeps showing the last frame drawn.
std::vector<char> g_last_draw, g_this_draw;

template <class T>
void append_bytes(std::vector<char>& out, const T* data, std::size_t count) {
    const auto* p = reinterpret_cast<const char*>(data);
    out.insert(out.end(), p, p + count * sizeof(T));
}

bool draws_as_last_frame(const ImDrawData* d, int fb_width, int fb_height) {
    auto& out = g_this_draw;
    out.clear();
    const float header[] = {static_cast<float>(fb_width),
                            static_cast<float>(fb_height),
                            d->DisplayPos.x,
                            d->DisplayPos.y,
                            d->DisplaySize.x,
                            d->DisplaySize.y,
                            d->FramebufferScale.x,
                            d->FramebufferScale.y};
    append_bytes(out, header, 8);
    for (int n = 0; n < d->CmdListsCount; ++n) {
        const ImDrawList* list = d->CmdLists[n];
        append_bytes(out, list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.Size));
        append_bytes(out, list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size));
        for (const auto& cmd : list->CmdBuffer) {
            append_bytes(out, &cmd.ClipRect, 1);
            append_bytes(out, &cmd.TextureId, 1);
            const unsigned offsets[] = {cmd.VtxOffset, cmd.IdxOffset, cmd.ElemCount, cmd.UserCallback ? 1u : 0u};
            append_bytes(out, offsets, 4);
        }
    }
    if (out == g_last_draw) return true;
    std::swap(g_last_draw, g_this_draw);
    return false;
}

void frame() {
    const double started = emscripten_get_now();
    g_api.poll();
    if (!g_device_copy.empty()) {
        const auto part = std::move(g_device_copy.front());
        g_device_copy.pop_front();
        if (part.end)
            g_controller.sync.on_device_loaded(part.meta ? &*part.meta : nullptr,
                                               part.outbox ? &*part.outbox : nullptr);
        else
            g_controller.sync.on_device_records(part.kind, part.records);
    }
    while (!g_device_saved.empty()) {
        g_controller.sync.on_device_saved(g_device_saved.front());
        g_device_saved.pop_front();
    }
    deliver_input();
    g_state.set_now(static_cast<crm::domain::UnixTime>(emscripten_date_now() / 1000.0));
    g_controller.each_frame();
    g_state.pending_requests = g_api.in_flight();
    while (!g_actions.empty()) {
        g_controller.dispatch(g_actions.front());
        g_actions.pop_front();
    }
    while (!g_files.empty()) {
        const auto f = std::move(g_files.front());
        g_files.pop_front();
        if (f.status == 0)
            g_controller.dashboard.import_csv(f.name, f.text);
        else
            g_state.hygiene.import_message =
                "« " + f.name + " » : " +
                (f.status == 2 ? "fichier trop volumineux (1 Mio au plus)." : "lecture du fichier impossible.");
    }
    // The canvas fills the window. Emscripten 3.1.6's GLFW resizes the backing store to its own
    // idea of the window and pins an inline CSS size, so the console sizes the canvas itself
    // and tells ImGui the display size directly.
    // On high-DPI screens the backing store has devicePixelRatio pixels per CSS pixel.
    const int width = EM_ASM_INT({ return window.innerWidth; });
    const int height = EM_ASM_INT({ return window.innerHeight; });
    const double dpr = emscripten_get_device_pixel_ratio();
    const int fb_width = static_cast<int>(width * dpr), fb_height = static_cast<int>(height * dpr);
    if (g_canvas_width != fb_width || g_canvas_height != fb_height) {
        g_canvas_width = fb_width;
        g_canvas_height = fb_height;
        emscripten_set_canvas_element_size("#operator-canvas", fb_width, fb_height);
        EM_ASM({
            Module.canvas.style.removeProperty('width');
            Module.canvas.style.removeProperty('height');
        });
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    auto& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(dpr), static_cast<float>(dpr));
    // Emscripten reports the mouse in backing-store pixels; ImGui works in CSS pixels.
    if (io.MousePos.x > -FLT_MAX / 2)
        io.MousePos = ImVec2(io.MousePos.x / static_cast<float>(dpr), io.MousePos.y / static_cast<float>(dpr));
    if (g_touch_active) {
        double cx = 0, cy = 0;
        glfwGetCursorPos(g_window, &cx, &cy);
        if (cx != g_cursor_at_touch_x || cy != g_cursor_at_touch_y)
            g_touch_active = false;  // a real mouse moved
        else
            io.MousePos = g_touch_pos;
    }
    if (g_dark_theme != g_state.dark_theme) apply_theme(g_dark_theme = g_state.dark_theme);
    ImGui::NewFrame();
    draw_shell(g_state, g_controller, g_views, static_cast<float>(width), static_cast<float>(height));
    ImGui::Render();
    text_bridge_update(io.WantTextInput ? 1 : 0);
    if (!draws_as_last_frame(ImGui::GetDrawData(), fb_width, fb_height)) {
        glViewport(0, 0, fb_width, fb_height);
        glClearColor(0.08f, 0.09f, 0.12f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ++g_frames_drawn;
    }
    if (g_controller.dashboard.csv_file_requested) {
        g_controller.dashboard.csv_file_requested = false;
        ++g_file_dialogs;
        open_csv_file_dialog();
    }
    ++g_state.frames;
    const double took = emscripten_get_now() - started;
    g_frame_ms = g_frame_ms * 0.9 + took * 0.1;
    if (g_frame_log.size() < 1000000) g_frame_log.push_back(static_cast<float>(took));  // ~4 h at 60 fps
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void crm_console_input_char(unsigned int c) {
    char_callback(g_window, c);
}

extern "C" EMSCRIPTEN_KEEPALIVE void crm_console_csv_file(int status, const char* name, const char* text) {
    g_files.push_back({status, name ? name : "", text ? text : ""});
}

extern "C" EMSCRIPTEN_KEEPALIVE void crm_console_storage_records(const char* kind, const char* records) {
    DeviceCopyPart part;
    part.kind = kind;
    part.records = records;
    g_device_copy.push_back(std::move(part));
}

extern "C" EMSCRIPTEN_KEEPALIVE void crm_console_storage_loaded(const char* meta, const char* outbox) {
    DeviceCopyPart part;
    part.end = true;
    if (meta) part.meta = meta;
    if (outbox) part.outbox = outbox;
    g_device_copy.push_back(std::move(part));
}

extern "C" EMSCRIPTEN_KEEPALIVE void crm_console_storage_saved(int revision) {
    g_device_saved.push_back(revision);
}

extern "C" EMSCRIPTEN_KEEPALIVE void crm_console_touch(double x, double y) {
    g_touch_active = true;
    g_touch_pos = ImVec2(static_cast<float>(x), static_cast<float>(y));
    glfwGetCursorPos(g_window, &g_cursor_at_touch_x, &g_cursor_at_touch_y);
}

// Read-only test hook: window.crmConsole.state() returns what the console shows.
extern "C" EMSCRIPTEN_KEEPALIVE const char* crm_console_state() {
    static std::string out;
    auto j = g_state.snapshot();
    j["frameMs"] = g_frame_ms;
    j["framesDrawn"] = g_frames_drawn;
    j["typing"] = ImGui::GetIO().WantTextInput;
    j["fileDialogs"] = g_file_dialogs;
    j["layout"] = EM_ASM_INT({ return window.innerWidth; }) < 720 ? "express" : "desktop";
    out = j.dump();
    return out.c_str();
}

// The whole queue as the console ranks it (window.crmConsole.queue()), for the order test.
extern "C" EMSCRIPTEN_KEEPALIVE const char* crm_console_queue() {
    static std::string out;
    out = g_state.queue_json().dump();
    return out.c_str();
}

// The CPU time of every frame from the `from`-th on (window.crmConsole.frames(from)), for the
// frame-time benchmark: the moving average hides the one long frame it looks for.
extern "C" EMSCRIPTEN_KEEPALIVE const char* crm_console_frames(int from) {
    static std::string out;
    auto j = nlohmann::json::array();
    for (std::size_t i = static_cast<std::size_t>(std::max(0, from)); i < g_frame_log.size(); ++i)
        j.push_back(g_frame_log[i]);
    out = j.dump();
    return out.c_str();
}

int main() {
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g_window = glfwCreateWindow(EM_ASM_INT({ return window.innerWidth; }), EM_ASM_INT({ return window.innerHeight; }),
                                "Lead CRM", nullptr, nullptr);
    if (!g_window) return 1;
    glfwMakeContextCurrent(g_window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    auto& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    // DejaVu Sans (fonts-dejavu-core): accents, €, arrows, typographic dashes, check marks.
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0152, 0x0153, 0x2010, 0x2027, 0x20AC, 0x20AC,
                                     0x2190, 0x21FF, 0x25CF, 0x25CF, 0x2713, 0x2717, 0};
    // Rasterised at the device's resolution, drawn at 16 CSS px: crisp on high-DPI screens.
    const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    io.Fonts->AddFontFromFileTTF("/fonts/DejaVuSans.ttf", 16.0f * dpr, nullptr, ranges);
    // Fonts[1]: the Dashboard's figures, rasterised large rather than scaled up (blurry).
    io.Fonts->AddFontFromFileTTF("/fonts/DejaVuSans.ttf", 26.0f * dpr, nullptr, ranges);
    io.FontGlobalScale = 1.0f / dpr;
    apply_theme(true);
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    glfwSetKeyCallback(g_window, key_callback);
    glfwSetCharCallback(g_window, char_callback);
    install_touch_tracking();

    // clang-format off
    EM_ASM({
        window.crmConsole = {};
        window.crmConsole.state = function() { return JSON.parse(UTF8ToString(Module._crm_console_state())); };
        window.crmConsole.queue = function() { return JSON.parse(UTF8ToString(Module._crm_console_queue())); };
        window.crmConsole.frames = function(from) { return JSON.parse(UTF8ToString(Module._crm_console_frames(from || 0))); };
    });
    // clang-format on
    g_controller.load();
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
