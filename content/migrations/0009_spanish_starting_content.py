"""The starting pages and the home page introduction in Spanish, written from the same facts.

Plain, neutral Latin American Spanish ("usted"), as easy to read as the English: each page reads
at Fernández Huerta 80 or more ("fácil"). A text is only filled in where its Spanish is still
empty, so Spanish that staff have typed is kept; going back clears only the texts written here.
The opening hours stay as they are: only staff know them.
"""

from django.db import migrations

HOME_INTRO = (
    "¿Le preocupa cuánto bebe o si usa drogas? ¿O le preocupa un ser querido? Aquí puede "
    "leer sobre el programa intensivo ambulatorio (IOP) en palabras simples. Puede hacer "
    "una autoevaluación corta. Y puede llamarnos cuando quiera."
)

# slug -> Spanish text of each field
PAGES = {
    "what-is-iop": {
        "title": "¿Qué es el programa intensivo ambulatorio (IOP)?",
        "nav_title": "¿Qué es el IOP?",
        "summary": (
            "El IOP es un programa de tratamiento para el alcohol o las drogas. Tiene mucho de lo "
            "que da un centro, pero usted vive en su casa."
        ),
        "body": """
<p>El programa intensivo ambulatorio se llama IOP por sus siglas en inglés. Es para personas que
quieren dejar de beber o de usar drogas. Tiene un plan claro y un horario fijo. Le ayuda a
empezar una vida en recuperación.</p>
<h2>¿En qué se diferencia de un centro donde se queda a vivir?</h2>
<p>En un programa residencial, usted vive en el centro por un tiempo. El IOP le da muchos de los
mismos servicios. La gran diferencia es dónde duerme. En el IOP, usted va a su tratamiento y
luego vuelve a casa.</p>
<h2>¿Es un programa serio?</h2>
<p>Sí. El IOP tiene un orden y reglas que usted acepta seguir. Hay personas que ven cómo le va y
le ayudan a no perder el rumbo.</p>
<h2>¿Dónde está el IOP entre los tipos de atención?</h2>
<p>Los programas de tratamiento ordenan la atención por niveles. Muchos usan una guía que se
llama Criterios de ASAM. En esa guía, el IOP es el nivel 2.1. Es más que una charla por semana
con un consejero. Y es menos que vivir en un centro.</p>
<h2>Primero, su seguridad: la desintoxicación</h2>
<p>Puede ser peligroso dejar de golpe el alcohol, los opioides o pastillas como Xanax o Valium.
Si tal vez necesita desintoxicación, un equipo médico debe ayudarle primero. Luego puede venir
el IOP. Le podemos ayudar a encontrar esa atención.</p>
""",
    },
    "who-is-iop-for": {
        "title": "¿Para quién es bueno el IOP?",
        "nav_title": "Para quién es",
        "summary": (
            "El IOP puede servirle si quiere mejorar y seguir en su casa. También ayuda al salir "
            "de un centro donde vivía, o después de una recaída."
        ),
        "body": """
<p>El IOP puede ser una buena opción si una o más de estas cosas le pasan a usted o a su ser
querido.</p>
<ul>
<li><strong>Quiere dejar de consumir, pero prefiere no vivir en un centro.</strong> Ya decidió
dejar el alcohol o las drogas. Y quiere seguir en su casa mientras lo hace.</li>
<li><strong>Terminó un programa en el que vivía en el centro.</strong> Quiere un paso más que le
ayude a volver a su vida de cada día.</li>
<li><strong>Estaba en recuperación y volvió a consumir.</strong> Quiere ayuda para volver a su
camino. Esto le pasa a mucha gente. No quiere decir que usted falló.</li>
</ul>
<h2>Una cosa más: la desintoxicación</h2>
<p>El IOP es para personas que ya hicieron la desintoxicación, o que no la necesitan. Si
tiembla, suda o se siente mal cuando consume menos, hable con un médico antes de dejarlo.
Nuestra autoevaluación le puede ayudar a pensarlo. Una llamada corta con nosotros también.</p>
""",
    },
    "benefits-of-iop": {
        "title": "¿Qué beneficios tiene el IOP?",
        "nav_title": "Beneficios",
        "summary": (
            "El IOP es de medio tiempo: puede seguir con su trabajo, sus estudios o su familia. "
            "Le da orden, apoyo y un lugar seguro para hablar."
        ),
        "body": """
<p>Para la persona indicada, el IOP tiene puntos fuertes.</p>
<ul>
<li><strong>Es de medio tiempo.</strong> Puede seguir yendo al trabajo o a la escuela. Y puede
cuidar a su familia mientras recibe tratamiento.</li>
<li><strong>Le ayuda a seguir su plan.</strong> Medio tiempo no quiere decir sin reglas. El IOP
tiene un orden, y hay personas que le ayudan a cumplir sus metas. Ese apoyo es clave para no
volver a consumir.</li>
<li><strong>Es un lugar seguro para hablar.</strong> Al principio de la recuperación hay momentos
duros. En el IOP puede hablar de lo que le pasa en su vida de cada día. Y aprende a
manejarlo.</li>
<li><strong>Le ayuda después de un cambio o de una recaída.</strong> Tal vez acaba de salir de
un programa en el que vivía. O tal vez volvió a consumir hace poco. El IOP le puede ayudar a
volver a pisar firme.</li>
</ul>
<p>¿Quiere saber si el IOP es para usted? Haga la autoevaluación o llámenos. La llamada es
gratis y privada.</p>
""",
    },
}


def _pages(apps):
    Page = apps.get_model("content", "Page")
    for slug, fields in PAGES.items():
        page = Page.objects.filter(slug=slug).first()
        if page is not None:
            yield page, {name: text.strip() for name, text in fields.items()}


def add_spanish(apps, schema_editor):
    for page, fields in _pages(apps):
        empty = [name for name in fields if not (getattr(page, f"{name}_es") or "").strip()]
        for name in empty:
            setattr(page, f"{name}_es", fields[name])
        if empty:
            page.save(update_fields=[f"{name}_es" for name in empty])
    SiteSettings = apps.get_model("content", "SiteSettings")
    SiteSettings.objects.filter(pk=1, home_intro_es__in=["", None]).update(home_intro_es=HOME_INTRO)


def remove_spanish(apps, schema_editor):
    for page, fields in _pages(apps):
        ours = [name for name in fields if getattr(page, f"{name}_es") == fields[name]]
        for name in ours:
            setattr(page, f"{name}_es", "")
        if ours:
            page.save(update_fields=[f"{name}_es" for name in ours])
    SiteSettings = apps.get_model("content", "SiteSettings")
    SiteSettings.objects.filter(pk=1, home_intro_es=HOME_INTRO).update(home_intro_es="")


class Migration(migrations.Migration):
    dependencies = [("content", "0008_translations")]

    operations = [migrations.RunPython(add_spanish, remove_spanish)]
