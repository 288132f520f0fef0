vcl 4.1;
# Varnish in front of the IOP site: it answers the public pages from memory, follows the site's
# Cache-Control, and sends everything personal (the self-check, the admin, anyone with a session)
# straight to the app.
#
# Render it for your servers with `python manage.py edge_vcl --backend HOST:PORT` (it fills in the
# values in double braces from the site's settings: admin address, cookie names); `make edge`
# does that.
#
# How long a copy is kept comes from the app's Cache-Control:
# - s-maxage: fresh for that long (Varnish reads it itself);
# - stale-while-revalidate: after that, one more window in which a visitor gets the old copy at
#   once while Varnish fetches the new one in the background;
# - stale-if-error: how long an old copy may still be served when the app is down or failing.
# Staff saves drop copies at once with a BAN (core/purge.py), so freshness does not wait on these.

import cookie;
import std;

backend app {
    .host = "{{ backend_host }}";
    .port = "{{ backend_port }}";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    # While the health check fails, copies are served for their whole stale-if-error window
    # without first trying the app.
    .probe = {
        .request =
            "GET /healthz HTTP/1.1"
            "Host: {{ probe_host }}"
            "User-Agent: varnish-health-probe"
            "Connection: close";
        .interval = 2s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may send BAN and PURGE: the app servers.
acl purgers {
{{ purge_acl }}
}

sub vcl_recv {
    if (req.method == "BAN" || req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.method == "PURGE") {
            return (purge);
        }
        if (!req.http.X-Ban-Url) {
            return (synth(400, "X-Ban-Url is required"));
        }
        # Matched against the address each copy was fetched for: one ban drops every host,
        # scheme and compression of it, and Varnish's ban lurker can clear them in the background.
        ban("obj.http.X-Edge-Url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
    }

    # Only Varnish sets these, on its own restarts below.
    if (req.restarts == 0) {
        unset req.http.X-Edge-Stale-OK;
        unset req.http.X-Edge-Refresh;
        unset req.http.X-Edge-Brotli;
    }

    # Only reads are kept; the app answers (or refuses) everything else itself.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Personal or live: the self-check, the admin, the health check.
    if (req.url ~ "{{ pass_paths }}") {
        return (pass);
    }

    # Keep only the cookies that make a public page personal (a session, staff messages); the
    # CSRF cookie left by the self-check does not (the app serves its shared copy too), and
    # others (set by other sites on the domain) would make every visit uncacheable.
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        cookie.keep("{{ site_cookies }}");
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    if (req.http.Cookie || req.http.Authorization) {
        # A session: someone mid-self-check or signed in to the admin.
        return (pass);
    }

    # Three variants at most: brotli, gzip or plain.
    if (req.http.Accept-Encoding ~ "\bbr\b") {
        set req.http.Accept-Encoding = "br";
        set req.http.X-Edge-Brotli = "1";
    } elsif (req.http.Accept-Encoding ~ "\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }

    if (req.http.X-Edge-Refresh) {
        # Past its stale-while-revalidate window with the app up: fetch now.
        set req.grace = 0s;
    } elsif (req.http.X-Edge-Stale-OK) {
        # That fetch failed: any copy within its stale-if-error window will do. (req.grace
        # survives restarts, so the 0s above must be undone.)
        set req.grace = 3650d;
    }
    return (hash);
}

sub vcl_hash {
    # An http:// request gets a redirect to https://; keep the two apart.
    hash_data(req.http.X-Forwarded-Proto);
    if (req.http.X-Edge-Brotli) {
        # Varnish itself only knows gzip (it rewrites Accept-Encoding after vcl_recv and ignores
        # it in Vary), so brotli copies are kept apart from the others.
        hash_data("br");
    }
}

sub vcl_hit {
    if (obj.ttl <= 0s && !req.http.X-Edge-Stale-OK && std.healthy(req.backend_hint) &&
        obj.ttl + std.duration(obj.http.X-Edge-SWR + "s", 0s) <= 0s) {
        # Older than stale-while-revalidate allows while the app answers: not served as is.
        set req.http.X-Edge-Refresh = "1";
        return (restart);
    }
}

sub vcl_backend_fetch {
    # Varnish asks for gzip on every fetch; brotli clients' copies are fetched as brotli.
    if (bereq.http.X-Edge-Brotli) {
        set bereq.http.Accept-Encoding = "br";
    }
}

sub vcl_backend_response {
    if (beresp.status >= 500 && !bereq.uncacheable && !bereq.http.X-Edge-Stale-OK) {
        # Keep the old copy: a background refresh just stops; a visitor's request is restarted
        # to be answered from the old copy (vcl_synth), or tried once more if there is none.
        return (abandon);
    }
    set beresp.http.X-Edge-Url = bereq.url;
    # Varnish sets grace from stale-while-revalidate; keep that window for vcl_hit, then extend
    # grace to stale-if-error, which only outages may use.
    set beresp.http.X-Edge-SWR = beresp.grace;
    if (beresp.http.Cache-Control ~ "(?i)stale-if-error=[0-9]+") {
        set beresp.http.X-Edge-SIE = regsub(
            beresp.http.Cache-Control, "(?i)^.*stale-if-error=([0-9]+).*$", "\1s");
        if (std.duration(beresp.http.X-Edge-SIE, 0s) > beresp.grace) {
            set beresp.grace = std.duration(beresp.http.X-Edge-SIE, 0s);
        }
        unset beresp.http.X-Edge-SIE;
    }
    # After grace, keep the copy a day to revalidate it cheaply (If-None-Match, 304).
    set beresp.keep = 1d;
    # Text the app sent uncompressed is stored gzipped, once. Only copies that may be shared get
    # here: nothing personal (a CSRF token) is compressed next to attacker-chosen text (BREACH).
    if (!beresp.http.Content-Encoding && !bereq.uncacheable && beresp.ttl > 0s &&
        !beresp.http.Set-Cookie && beresp.http.Cache-Control !~ "(?i)private|no-store|no-cache" &&
        beresp.http.Content-Type ~ "^(text/|application/(json|xml|javascript)|image/svg)") {
        set beresp.do_gzip = true;
    }
}

sub vcl_backend_error {
    if (!bereq.uncacheable && !bereq.http.X-Edge-Stale-OK) {
        return (abandon);
    }
    # The app is down and there is no copy: a plain page that still gives the crisis lines, in
    # the address's language.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "30";
    if (bereq.url ~ "^/es(/|\?|$)") {
        set beresp.http.Content-Language = "es";
        set beresp.body = {"<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Intente de nuevo pronto</title></head><body>
<h1>Este sitio no responde en este momento</h1>
<p>Intente de nuevo en un minuto.</p>
<p>Si está en crisis, llame o envíe un mensaje de texto al <a href="tel:988">988</a> (988
Línea de Prevención del Suicidio y Crisis). Atienden en español. En una emergencia, llame al
<a href="tel:911">911</a>. La Línea Nacional de Ayuda de SAMHSA es gratis y privada, y atiende
en inglés y en español, a toda hora, cualquier día:
<a href="tel:+18006624357">1-800-662-4357</a>.</p>
</body></html>
"};
        return (deliver);
    }
    set beresp.http.Content-Language = "en";
    set beresp.body = {"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Please try again soon</title></head><body>
<h1>This site is not answering right now</h1>
<p>Please try again in a minute.</p>
<p>If you are in crisis, call or text <a href="tel:988">988</a>. In an emergency, call
<a href="tel:911">911</a>. SAMHSA's free, private helpline is open all day, every day:
<a href="tel:+18006624357">1-800-662-4357</a>.</p>
<p lang="es">Este sitio no responde ahora. Intente de nuevo en un minuto. Si está en crisis,
llame o envíe un texto al <a href="tel:988">988</a>. En una emergencia, llame al
<a href="tel:911">911</a>. Línea de ayuda de SAMHSA, gratis y privada, todos los días:
<a href="tel:+18006624357">1-800-662-4357</a>.</p>
</body></html>
"};
    return (deliver);
}

sub vcl_synth {
    if (resp.status == 503 && !req.http.X-Edge-Stale-OK &&
        (req.method == "GET" || req.method == "HEAD")) {
        # The app failed this request: answer it from an old copy if one is kept.
        set req.http.X-Edge-Stale-OK = "1";
        unset req.http.X-Edge-Refresh;
        return (restart);
    }
}

sub vcl_deliver {
    unset resp.http.X-Edge-Url;
    unset resp.http.X-Edge-SWR;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0 && obj.ttl <= 0s) {
        set resp.http.X-Cache = "HIT-STALE";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
