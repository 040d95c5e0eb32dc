/*
 * The loop pump's engine: a Node-API addon exporting one function, run(), which turns the calling thread's libuv
 * loop once (uv_run(loop, UV_RUN_ONCE)), the loop Node-API hands this thread's environment (worker threads have
 * their own). The pump (src/strategies/pump/) drains ticks and microtasks between turns itself.
 *
 * Node-API and libuv keep these signatures stable across Node majors, so one build per platform serves every major,
 * later ones included. The file needs no headers and no C library: it declares the few prototypes it uses, so it
 * cross-compiles for every target with clang alone (scripts/build-engine.sh), and the Linux build loads under glibc
 * and musl alike. On Windows the functions are looked up in the host executable at load time, as node-gyp's
 * delay-load hook would, so a renamed node.exe works too.
 */

typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef struct napi_callback_info__ *napi_callback_info;
typedef int napi_status; /* napi_ok is 0 */
typedef napi_value (*napi_callback)(napi_env env, napi_callback_info info);
typedef struct uv_loop_s uv_loop_t;
enum { UV_RUN_ONCE = 1 };
#define NAPI_AUTO_LENGTH ((__SIZE_TYPE__)-1)

#ifdef _WIN32
#define EXPORT __declspec(dllexport)
typedef napi_status (*get_uv_event_loop_fn)(napi_env, uv_loop_t **);
typedef int (*uv_run_fn)(uv_loop_t *, int);
typedef napi_status (*create_function_fn)(napi_env, const char *, __SIZE_TYPE__, napi_callback, void *, napi_value *);
typedef napi_status (*set_named_property_fn)(napi_env, napi_value, const char *, napi_value);
__declspec(dllimport) void *__stdcall GetModuleHandleW(const unsigned short *name);
__declspec(dllimport) void *__stdcall GetProcAddress(void *module, const char *name);
static get_uv_event_loop_fn napi_get_uv_event_loop;
static uv_run_fn uv_run;
static create_function_fn napi_create_function;
static set_named_property_fn napi_set_named_property;

static int resolve_host_functions(void) {
  void *host = GetModuleHandleW(0);
  napi_get_uv_event_loop = (get_uv_event_loop_fn)GetProcAddress(host, "napi_get_uv_event_loop");
  uv_run = (uv_run_fn)GetProcAddress(host, "uv_run");
  napi_create_function = (create_function_fn)GetProcAddress(host, "napi_create_function");
  napi_set_named_property = (set_named_property_fn)GetProcAddress(host, "napi_set_named_property");
  return napi_get_uv_event_loop && uv_run && napi_create_function && napi_set_named_property;
}
#else
#define EXPORT __attribute__((visibility("default")))
napi_status napi_get_uv_event_loop(napi_env env, uv_loop_t **loop);
int uv_run(uv_loop_t *loop, int mode);
napi_status napi_create_function(napi_env env, const char *name, __SIZE_TYPE__ length, napi_callback cb, void *data,
                                 napi_value *result);
napi_status napi_set_named_property(napi_env env, napi_value object, const char *name, napi_value value);
static int resolve_host_functions(void) { return 1; }
#endif

/* One turn of this thread's loop. What a callback run by that turn throws is pending when this returns: the
   caller sees it thrown from run(), as with deasync. */
static napi_value run(napi_env env, napi_callback_info info) {
  uv_loop_t *loop;
  (void)info;
  if (napi_get_uv_event_loop(env, &loop) == 0) uv_run(loop, UV_RUN_ONCE);
  return 0;
}

/* Node-API's symbol-based registration: called once per environment (main thread, each worker) that loads us.
   Returning NULL makes require() throw, which the loader reports as "engine unavailable". */
EXPORT napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  napi_value fn;
  if (!resolve_host_functions()) return 0;
  if (napi_create_function(env, "run", NAPI_AUTO_LENGTH, run, 0, &fn) != 0) return 0;
  if (napi_set_named_property(env, exports, "run", fn) != 0) return 0;
  return exports;
}
