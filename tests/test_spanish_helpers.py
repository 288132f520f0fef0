from tests.spanish_helpers import english_words


def test_english_words_finds_english_text_and_attributes():
    html = (
        '<html lang="es"><head><title>Inicio</title>'
        '<meta name="description" content="Help for you"></head>'
        '<body><p>Llame <b>now</b></p><a href="/" title="Leave this site">Salir</a></body></html>'
    )
    assert english_words(html) == ["Help", "for", "you", "now", "Leave", "this", "site"]


def test_english_words_skips_text_marked_english_and_scripts():
    html = (
        '<html lang="es"><body><div lang="en"><p>What is IOP?</p><img alt="A room"></div>'
        '<script>var help = "the";</script><a hreflang="en" lang="en">English</a>'
        "<p>¿Qué es el IOP? No lo sé. Me ayuda.</p></body></html>"
    )
    assert english_words(html) == []


def test_english_words_reads_a_page_that_claims_to_be_english():
    assert english_words('<html lang="en"><body><p>Call us now</p></body></html>') == [
        "Call",
        "now",
    ]


def test_english_words_reads_the_value_of_buttons_only():
    html = (
        '<html lang="es"><body><form><input type="radio" name="answer" value="not_sure">'
        '<input type="hidden" name="token" value="to9in8the"><button value="back">Atrás</button>'
        '<input type="submit" value="Next"></form></body></html>'
    )
    assert english_words(html) == ["Next"]


def test_english_words_reads_accented_spanish_words_whole():
    html = '<html lang="es"><body><p>Todos los días. Atrás. Están aquí.</p></body></html>'
    assert english_words(html) == []
