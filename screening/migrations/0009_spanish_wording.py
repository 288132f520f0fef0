"""The starting self-check wording in Spanish, in every record's Spanish columns.

Written from the same facts as the English (docs/screening-rules.md), in plain, neutral Latin
American Spanish: "usted", and the loved-one versions about "su ser querido" or "la persona".
Copied here as written, like 0002: a migration must not change when screening/wording.py does.
A Spanish text staff have already written is kept; going back clears only these starting texts.
"""

from django.db import migrations

SPANISH = {
    "question": {
        "rather_not_live_in": {
            "text_me": "¿Quiere mejorar, pero sin tener que vivir en un centro para hacerlo?",
            "text_loved_one": "¿Su ser querido quiere mejorar, pero sin tener que vivir en un "
            "centro para hacerlo?",
            "help_me": "<p>En un centro residencial, usted vive ahí por un tiempo. En un programa "
            "intensivo ambulatorio (IOP), usted va a su casa al final de cada día de "
            "tratamiento.</p>",
            "help_loved_one": "<p>En un centro residencial, la persona vive ahí por un tiempo. En "
            "un programa intensivo ambulatorio (IOP), la persona va a su casa al final de cada "
            "día de tratamiento.</p>",
        },
        "stepping_down": {
            "text_me": "¿Terminó un programa en un centro donde vivía y quiere ayuda para volver "
            "a su vida diaria?",
            "text_loved_one": "¿Su ser querido terminó un programa en un centro donde vivía y "
            "quiere ayuda para volver a su vida diaria?",
            "help_me": "<p>Por ejemplo, usted está por salir de un centro donde vive, o acaba de "
            "salir.</p>",
            "help_loved_one": "<p>Por ejemplo, la persona está por salir de un centro donde vive, "
            "o acaba de salir.</p>",
        },
        "relapse": {
            "text_me": "¿Dejó de beber o de usar drogas por un tiempo, luego volvió a empezar y "
            "ahora quiere ayuda?",
            "text_loved_one": "¿Su ser querido dejó de beber o de usar drogas por un tiempo, "
            "luego volvió a empezar y ahora quiere ayuda?",
            "help_me": "<p>Esto les pasa a muchas personas. No quiere decir que usted fracasó.</p>",
            "help_loved_one": "<p>Esto les pasa a muchas personas. No quiere decir que la persona "
            "fracasó.</p>",
        },
        "detox": {
            "text_me": "¿Qué es cierto en su caso sobre la desintoxicación?",
            "text_loved_one": "¿Qué es cierto en el caso de su ser querido sobre la "
            "desintoxicación?",
            "help_me": "<p>La desintoxicación es cuando el cuerpo se limpia del alcohol o las "
            "drogas después de dejarlos. Puede ser peligroso dejar por su cuenta el alcohol, los "
            "opioides o pastillas como Xanax o Valium.</p>",
            "help_loved_one": "<p>La desintoxicación es cuando el cuerpo se limpia del alcohol o "
            "las drogas después de dejarlos. Para la persona, puede ser peligroso dejar por su "
            "cuenta el alcohol, los opioides o pastillas como Xanax o Valium.</p>",
        },
        "warning_signs": {
            "text_me": "¿Le pasa alguna de estas cosas? Marque todas las que le pasen.",
            "text_loved_one": "¿A su ser querido le pasa alguna de estas cosas? Marque todas las "
            "que le pasen.",
            "help_me": "<p>Pueden ser señales de que no es seguro dejar todo de golpe sin un "
            "médico.</p>",
            "help_loved_one": "<p>Pueden ser señales de que, para la persona, no es seguro dejar "
            "todo de golpe sin un médico.</p>",
        },
    },
    "resulttext": {
        "good-fit": {
            "heading_me": "El IOP puede ser una buena opción para usted",
            "heading_loved_one": "El IOP puede ser una buena opción para su ser querido",
            "body_me": "<p>Según sus respuestas, un programa intensivo ambulatorio (IOP) puede "
            "ser una buena opción para usted. Esta no es una respuesta final. Una evaluación "
            "gratis con nuestro equipo decide qué atención es la mejor para usted.</p>",
            "body_loved_one": "<p>Según sus respuestas, un programa intensivo ambulatorio (IOP) "
            "puede ser una buena opción para su ser querido. Esta no es una respuesta final. Una "
            "evaluación gratis con nuestro equipo decide qué atención es la mejor para la "
            "persona.</p>",
        },
        "detox-first": {
            "heading_me": "Empiece por lo más seguro: la desintoxicación con un médico",
            "heading_loved_one": "Su ser querido debe empezar por lo más seguro: la "
            "desintoxicación con un médico",
            "body_me": "<p>Sus respuestas muestran que tal vez tenga que pasar primero por una "
            "desintoxicación. Por favor, no deje de beber ni de tomar benzodiacepinas de golpe y "
            "por su cuenta. Parar de golpe puede causar convulsiones, y hasta la "
            "muerte.</p>\n\n<p>Primero viene la desintoxicación con un equipo médico, para que "
            "usted esté a salvo. Le podemos ayudar a organizarla. Luego, el IOP puede ser un buen "
            "paso.</p>",
            "body_loved_one": "<p>Sus respuestas muestran que tal vez su ser querido tenga que "
            "pasar primero por una desintoxicación. La persona no debe dejar de beber ni de tomar "
            "benzodiacepinas de golpe y por su cuenta. Parar de golpe puede causar convulsiones, "
            "y hasta la muerte.</p>\n\n<p>Primero viene la desintoxicación con un equipo médico, "
            "para que la persona esté a salvo. Le podemos ayudar a organizarla. Luego, el IOP "
            "puede ser un buen paso.</p>",
        },
        "talk-it-through": {
            "heading_me": "Hablemos para ver qué le conviene",
            "heading_loved_one": "Hablemos para ver qué le conviene",
            "body_me": "<p>Según sus respuestas, no está claro que un programa intensivo "
            "ambulatorio (IOP) sea el mejor primer paso para usted. Tal vez otro tipo de atención "
            "sea mejor, o tal vez necesitemos saber un poco más. Una llamada corta y gratis le "
            "puede ayudar a decidir qué hacer ahora.</p>",
            "body_loved_one": "<p>Según sus respuestas, no está claro que un programa intensivo "
            "ambulatorio (IOP) sea el mejor primer paso para su ser querido. Tal vez otro tipo de "
            "atención sea mejor, o tal vez necesitemos saber un poco más. Una llamada corta y "
            "gratis le puede ayudar a decidir qué hacer ahora.</p>",
        },
    },
    "pathbenefit": {
        "rather_not_live_in": {
            "matched_me": "Usted quiere mejorar y prefiere vivir en su casa.",
            "matched_loved_one": "Su ser querido quiere mejorar y prefiere vivir en su casa.",
            "benefit_me": "<p>El IOP es de medio tiempo. Puede seguir con su trabajo, sus "
            "estudios o su familia mientras recibe tratamiento.</p>",
            "benefit_loved_one": "<p>El IOP es de medio tiempo. La persona puede seguir con su "
            "trabajo, sus estudios o su familia mientras recibe tratamiento.</p>",
            "warning_me": "",
            "warning_loved_one": "",
        },
        "stepping_down": {
            "matched_me": "Usted terminó un programa en un centro donde vivía y quiere un "
            "siguiente paso.",
            "matched_loved_one": "Su ser querido terminó un programa en un centro donde vivía y "
            "quiere un siguiente paso.",
            "benefit_me": "<p>El IOP sigue teniendo una estructura clara y personas que le "
            "preguntan cómo va. Ese apoyo ayuda mucho a no volver a beber ni a usar drogas.</p>",
            "benefit_loved_one": "<p>El IOP sigue teniendo una estructura clara y personas que "
            "preguntan cómo va la persona. Ese apoyo ayuda mucho a no volver a beber ni a usar "
            "drogas.</p>",
            "warning_me": "",
            "warning_loved_one": "",
        },
        "relapse": {
            "matched_me": "Usted dejó de beber o de usar drogas por un tiempo, volvió a empezar y "
            "ahora quiere volver al buen camino.",
            "matched_loved_one": "Su ser querido dejó de beber o de usar drogas por un tiempo, "
            "volvió a empezar y ahora quiere volver al buen camino.",
            "benefit_me": "<p>El IOP le da un lugar seguro para hablar de lo que cuesta en los "
            "primeros tiempos de la recuperación. Ahí puede trabajar en eso, en su vida de cada "
            "día.</p>",
            "benefit_loved_one": "<p>El IOP le da a la persona un lugar seguro para hablar de lo "
            "que cuesta en los primeros tiempos de la recuperación. Ahí puede trabajar en eso, en "
            "su vida de cada día.</p>",
            "warning_me": "Cuídese: después de una pausa, su cuerpo aguanta mucho menos que "
            "antes. Usar la misma cantidad de antes puede causar una sobredosis. Tenga naloxona "
            "(Narcan) con usted y no use drogas a solas.",
            "warning_loved_one": "Cuidado: después de una pausa, el cuerpo de la persona aguanta "
            "mucho menos que antes. Usar la misma cantidad de antes puede causar una sobredosis. "
            "Tenga naloxona (Narcan) a mano y aprenda a usarla.",
        },
    },
    "pagetext": {
        "start_facts": {
            "text_me": "<ul><li>Unos 2 minutos: 4 o 5 preguntas cortas, una por "
            "página.</li><li>Es una autoevaluación, no un diagnóstico. Una llamada o una "
            "evaluación gratis le da una respuesta real.</li><li>No guardamos nada sobre usted. "
            "Sus respuestas se borran en cuanto ve su resultado, o después de una "
            "hora.</li><li>Puede volver atrás, cambiar una respuesta o empezar de nuevo cuando "
            "quiera.</li></ul>",
            "text_loved_one": "<ul><li>Unos 2 minutos: 4 o 5 preguntas cortas, una por "
            "página.</li><li>Es una autoevaluación, no un diagnóstico. Una llamada o una "
            "evaluación gratis le da una respuesta real.</li><li>No guardamos nada sobre usted. "
            "Sus respuestas se borran en cuanto ve su resultado, o después de una "
            "hora.</li><li>Puede volver atrás, cambiar una respuesta o empezar de nuevo cuando "
            "quiera.</li></ul>",
        },
        "about_call": {
            "text_me": "<h2>Qué pasa cuando llama</h2><ul><li>Contesta una persona del equipo de "
            "[provider name].</li><li>Le preguntan sobre su consumo de alcohol o drogas, su salud "
            "y la ayuda que tuvo antes. Tal vez le pregunten por su seguro médico.</li><li>La "
            "llamada es gratis y confidencial. No tiene que inscribirse en nada.</li></ul>",
            "text_loved_one": "<h2>Qué pasa cuando llama</h2><ul><li>Contesta una persona del "
            "equipo de [provider name].</li><li>Le preguntan sobre el consumo de alcohol o drogas "
            "de su ser querido, su salud y la ayuda que tuvo antes. Tal vez le pregunten por su "
            "seguro médico.</li><li>La llamada es gratis y confidencial. No tiene que inscribirse "
            "en nada.</li><li>Puede llamar para pedir ayuda para otra persona.</li></ul>",
        },
    },
}

def _rows(apps):
    for model_name, records in SPANISH.items():
        model = apps.get_model("screening", model_name)
        for row in model.objects.filter(key__in=records):
            yield row, records[row.key]


def fill_spanish(apps, schema_editor):
    for row, texts in _rows(apps):
        empty = [name for name in texts if not getattr(row, f"{name}_es")]
        for name in empty:
            setattr(row, f"{name}_es", texts[name])
        if empty:
            row.save(update_fields=[f"{name}_es" for name in empty])


def clear_spanish(apps, schema_editor):
    for row, texts in _rows(apps):
        starting = [name for name in texts if getattr(row, f"{name}_es") == texts[name]]
        for name in starting:
            setattr(row, f"{name}_es", None)
        if starting:
            row.save(update_fields=[f"{name}_es" for name in starting])


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0008_translations"),
    ]

    operations = [
        migrations.RunPython(fill_spanish, clear_spanish),
    ]
