"""Starting wording for the self-check. Staff edit it in the admin; this is only the first draft.

The data migration loads it, and the site falls back to it if a record is ever missing, so a
visitor never meets a blank question. Plain language, reading grade 8 or lower. The longer
texts are written as plain paragraphs here and turned into the editor's HTML at the end.
"""

from . import vocabulary as v
from .rich import paragraphs

QUESTIONS = {
    v.RATHER_NOT_LIVE_IN: {
        "text_me": "Are you ready to get better, but would rather not live at a rehab to do it?",
        "text_loved_one": "Is your loved one ready to get better, but would rather not live at "
        "a rehab to do it?",
        "help_me": "In inpatient rehab, you live at the center for a while. You may hear it "
        "called residential rehab. In IOP, you go home after each day of treatment.",
        "help_loved_one": "In inpatient rehab, people live at the center for a while. You may "
        "hear it called residential rehab. In IOP, they go home after each day of treatment.",
    },
    v.STEPPING_DOWN: {
        "text_me": "Have you finished a rehab where you lived, and do you want help going "
        "back to daily life?",
        "text_loved_one": "Has your loved one finished a rehab where they lived, and do they "
        "want help going back to daily life?",
        "help_me": "For example, you are about to leave, or just left, a rehab where you lived.",
        "help_loved_one": "For example, they are about to leave, or just left, a rehab where "
        "they lived.",
    },
    v.RELAPSE: {
        "text_me": "Did you stop drinking or using for a while, then start again, and now "
        "want help?",
        "text_loved_one": "Did your loved one stop drinking or using for a while, then start "
        "again, and now want help?",
        "help_me": "This happens to many people. It does not mean you failed.",
        "help_loved_one": "This happens to many people. It does not mean they failed.",
    },
    v.DETOX: {
        "text_me": "Which is true for you about detox?",
        "text_loved_one": "Which is true for your loved one about detox?",
        "help_me": "Detox is when your body clears alcohol or drugs after you stop. It can be "
        "unsafe to stop alcohol, opioids or pills like Xanax or Valium on your own.",
        "help_loved_one": "Detox is when the body clears alcohol or drugs after someone stops. "
        "It can be unsafe to stop alcohol, opioids or pills like Xanax or Valium on their own.",
    },
    v.WARNING_SIGNS: {
        "text_me": "Do any of these happen to you? Tick all that apply.",
        "text_loved_one": "Do any of these happen to your loved one? Tick all that apply.",
        "help_me": "These can be signs that stopping all at once is not safe without a doctor.",
        "help_loved_one": "These can be signs that stopping all at once is not safe for them "
        "without a doctor.",
    },
}

RESULTS = {
    v.GOOD_FIT: {
        "heading_me": "IOP may be a good fit for you",
        "heading_loved_one": "IOP may be a good fit for your loved one",
        "body_me": "From your answers, intensive outpatient treatment (IOP) may be a good fit "
        "for you. This is not a final answer. A free assessment with our team decides what "
        "care is right for you.",
        "body_loved_one": "From your answers, intensive outpatient treatment (IOP) may be a good "
        "fit for your loved one. This is not a final answer. A free assessment with our team "
        "decides what care is right for them.",
    },
    v.DETOX_FIRST: {
        "heading_me": "Start with safe detox, with medical care",
        "heading_loved_one": "Your loved one should start with safe detox, with medical care",
        "body_me": "Your answers show you may need detox first. Please do not stop drinking or "
        "taking benzodiazepines all at once on your own. Stopping suddenly can cause seizures "
        "and can be deadly.\n\nDetox with a medical team comes first, to keep you safe. We can "
        "help you set it up. IOP may be a good next step after detox.",
        "body_loved_one": "Your answers show your loved one may need detox first. They should "
        "not stop drinking or taking benzodiazepines all at once on their own. Stopping "
        "suddenly can cause seizures and can be deadly.\n\nDetox with a medical team comes "
        "first, to keep them safe. We can help set it up. IOP may be a good next step after "
        "detox.",
    },
    v.TALK_IT_THROUGH: {
        "heading_me": "Let's talk it through",
        "heading_loved_one": "Let's talk it through",
        "body_me": "From your answers, it is not clear that IOP is the best first step for you. "
        "Another kind of care may fit better, or we may need to know a bit more. A short, free "
        "call can help you decide what to do next.",
        "body_loved_one": "From your answers, it is not clear that IOP is the best first step "
        "for your loved one. Another kind of care may fit better, or we may need to know a bit "
        "more. A short, free call can help you decide what to do next.",
    },
}

PATH_BENEFITS = {
    v.RATHER_NOT_LIVE_IN: {
        "matched_me": "You want to recover, and you would rather live at home.",
        "matched_loved_one": "Your loved one wants to recover, and would rather live at home.",
        "benefit_me": "IOP is part-time. You can keep up with work, school or family while "
        "you get treatment.",
        "benefit_loved_one": "IOP is part-time. They can keep up with work, school or family "
        "while they get treatment.",
        "warning_me": "",
        "warning_loved_one": "",
    },
    v.STEPPING_DOWN: {
        "matched_me": "You finished an inpatient program and want a next step.",
        "matched_loved_one": "Your loved one finished an inpatient program and wants a next step.",
        "benefit_me": "IOP still has a clear structure, and people who check in on how you are "
        "doing. That kind of support is a big part of staying sober.",
        "benefit_loved_one": "IOP still has a clear structure, and people who check in on how "
        "they are doing. That kind of support is a big part of staying sober.",
        "warning_me": "",
        "warning_loved_one": "",
    },
    v.RELAPSE: {
        "matched_me": "You were in recovery, started again, and want to get back on track.",
        "matched_loved_one": "Your loved one was in recovery, started again, and wants to get "
        "back on track.",
        "benefit_me": "IOP gives you a safe place to talk about the hard parts of early "
        "recovery in daily life, and to work through them.",
        "benefit_loved_one": "IOP gives them a safe place to talk about the hard parts of early "
        "recovery in daily life, and to work through them.",
        "warning_me": "Stay safe: after a break, your body can handle much less than before. "
        "Using the amount you used to can cause an overdose. Keep naloxone (Narcan) with you, "
        "and do not use alone.",
        "warning_loved_one": "Stay safe: after a break, their body can handle much less than "
        "before. Using the amount they used to can cause an overdose. Keep naloxone (Narcan) "
        "close by, and learn how to use it.",
    },
}

PAGE_TEXTS = {
    v.START_FACTS: {
        "text_me": "<ul>"
        "<li>About 2 minutes: 4 or 5 short questions, one per page.</li>"
        "<li>It is a self-check, not a diagnosis. A free call or assessment gives you a real "
        "answer.</li>"
        "<li>Nothing is stored about you. Your answers are deleted as soon as you see your "
        "result, or after an hour.</li>"
        "<li>You can go back, change an answer, or start over at any time.</li>"
        "</ul>",
    },
    v.ABOUT_CALL: {
        "text_me": "<h2>What happens when you call</h2><ul>"
        "<li>Someone from the [provider name] team answers.</li>"
        "<li>They ask about your drinking or drug use, health and past care. They may ask about "
        "insurance.</li>"
        "<li>The call is free and confidential. You do not have to sign up for anything.</li>"
        "</ul>",
        "text_loved_one": "<h2>What happens when you call</h2><ul>"
        "<li>Someone from the [provider name] team answers.</li>"
        "<li>They ask about your loved one's drinking or drug use, health and past care. They "
        "may ask about insurance.</li>"
        "<li>The call is free and confidential. You do not have to sign up for anything.</li>"
        "<li>You can call to ask for help for someone else.</li>"
        "</ul>",
    },
}
# The start page comes before anyone says who the self-check is for: one wording for both.
PAGE_TEXTS[v.START_FACTS]["text_loved_one"] = PAGE_TEXTS[v.START_FACTS]["text_me"]

# The same facts in plain, neutral Latin American Spanish ("usted"; the loved one is "su ser
# querido" or "la persona", so no wording depends on anyone's gender). Fernández Huerta 80 or more.
QUESTIONS_ES = {
    v.RATHER_NOT_LIVE_IN: {
        "text_me": "¿Quiere mejorar, pero sin tener que vivir en un centro para hacerlo?",
        "text_loved_one": "¿Su ser querido quiere mejorar, pero sin tener que vivir en un centro "
        "para hacerlo?",
        "help_me": "En un centro residencial, usted vive ahí por un tiempo. En un programa "
        "intensivo ambulatorio (IOP), usted va a su casa al final de cada día de tratamiento.",
        "help_loved_one": "En un centro residencial, la persona vive ahí por un tiempo. En un "
        "programa intensivo ambulatorio (IOP), la persona va a su casa al final de cada día de "
        "tratamiento.",
    },
    v.STEPPING_DOWN: {
        "text_me": "¿Terminó un programa en un centro donde vivía y quiere ayuda para volver "
        "a su vida diaria?",
        "text_loved_one": "¿Su ser querido terminó un programa en un centro donde vivía y "
        "quiere ayuda para volver a su vida diaria?",
        "help_me": "Por ejemplo, usted está por salir de un centro donde vive, o acaba de salir.",
        "help_loved_one": "Por ejemplo, la persona está por salir de un centro donde vive, o "
        "acaba de salir.",
    },
    v.RELAPSE: {
        "text_me": "¿Dejó de beber o de usar drogas por un tiempo, luego volvió a empezar y "
        "ahora quiere ayuda?",
        "text_loved_one": "¿Su ser querido dejó de beber o de usar drogas por un tiempo, luego "
        "volvió a empezar y ahora quiere ayuda?",
        "help_me": "Esto les pasa a muchas personas. No quiere decir que usted fracasó.",
        "help_loved_one": "Esto les pasa a muchas personas. No quiere decir que la persona "
        "fracasó.",
    },
    v.DETOX: {
        "text_me": "¿Qué es cierto en su caso sobre la desintoxicación?",
        "text_loved_one": "¿Qué es cierto en el caso de su ser querido sobre la desintoxicación?",
        "help_me": "La desintoxicación es cuando el cuerpo se limpia del alcohol o las drogas "
        "después de dejarlos. Puede ser peligroso dejar por su cuenta el alcohol, los opioides "
        "o pastillas como Xanax o Valium.",
        "help_loved_one": "La desintoxicación es cuando el cuerpo se limpia del alcohol o las "
        "drogas después de dejarlos. Para la persona, puede ser peligroso dejar por su cuenta "
        "el alcohol, los opioides o pastillas como Xanax o Valium.",
    },
    v.WARNING_SIGNS: {
        "text_me": "¿Le pasa alguna de estas cosas? Marque todas las que le pasen.",
        "text_loved_one": "¿A su ser querido le pasa alguna de estas cosas? Marque todas las "
        "que le pasen.",
        "help_me": "Pueden ser señales de que no es seguro dejar todo de golpe sin un médico.",
        "help_loved_one": "Pueden ser señales de que, para la persona, no es seguro dejar todo "
        "de golpe sin un médico.",
    },
}

RESULTS_ES = {
    v.GOOD_FIT: {
        "heading_me": "El IOP puede ser una buena opción para usted",
        "heading_loved_one": "El IOP puede ser una buena opción para su ser querido",
        "body_me": "Según sus respuestas, un programa intensivo ambulatorio (IOP) puede ser una "
        "buena opción para usted. Esta no es una respuesta final. Una evaluación gratis con "
        "nuestro equipo decide qué atención es la mejor para usted.",
        "body_loved_one": "Según sus respuestas, un programa intensivo ambulatorio (IOP) puede "
        "ser una buena opción para su ser querido. Esta no es una respuesta final. Una "
        "evaluación gratis con nuestro equipo decide qué atención es la mejor para la persona.",
    },
    v.DETOX_FIRST: {
        "heading_me": "Empiece por lo más seguro: la desintoxicación con un médico",
        "heading_loved_one": "Su ser querido debe empezar por lo más seguro: la desintoxicación "
        "con un médico",
        "body_me": "Sus respuestas muestran que tal vez tenga que pasar primero por una "
        "desintoxicación. Por favor, no deje de beber ni de tomar benzodiacepinas de golpe y "
        "por su cuenta. Parar de golpe puede causar convulsiones, y hasta la muerte."
        "\n\nPrimero viene la desintoxicación con un equipo médico, para que usted esté a "
        "salvo. Le podemos ayudar a organizarla. Luego, el IOP puede ser un buen paso.",
        "body_loved_one": "Sus respuestas muestran que tal vez su ser querido tenga que pasar "
        "primero por una desintoxicación. La persona no debe dejar de beber ni de tomar "
        "benzodiacepinas de golpe y por su cuenta. Parar de golpe puede causar convulsiones, y "
        "hasta la muerte.\n\nPrimero viene la desintoxicación con un equipo médico, para que la "
        "persona esté a salvo. Le podemos ayudar a organizarla. Luego, el IOP puede ser un buen "
        "paso.",
    },
    v.TALK_IT_THROUGH: {
        "heading_me": "Hablemos para ver qué le conviene",
        "heading_loved_one": "Hablemos para ver qué le conviene",
        "body_me": "Según sus respuestas, no está claro que un programa intensivo ambulatorio "
        "(IOP) sea el mejor primer paso para usted. Tal vez otro tipo de atención sea mejor, o "
        "tal vez necesitemos saber un poco más. Una llamada corta y gratis le puede ayudar a "
        "decidir qué hacer ahora.",
        "body_loved_one": "Según sus respuestas, no está claro que un programa intensivo "
        "ambulatorio (IOP) sea el mejor primer paso para su ser querido. Tal vez otro tipo de "
        "atención sea mejor, o tal vez necesitemos saber un poco más. Una llamada corta y "
        "gratis le puede ayudar a decidir qué hacer ahora.",
    },
}

PATH_BENEFITS_ES = {
    v.RATHER_NOT_LIVE_IN: {
        "matched_me": "Usted quiere mejorar y prefiere vivir en su casa.",
        "matched_loved_one": "Su ser querido quiere mejorar y prefiere vivir en su casa.",
        "benefit_me": "El IOP es de medio tiempo. Puede seguir con su trabajo, sus estudios o "
        "su familia mientras recibe tratamiento.",
        "benefit_loved_one": "El IOP es de medio tiempo. La persona puede seguir con su "
        "trabajo, sus estudios o su familia mientras recibe tratamiento.",
        "warning_me": "",
        "warning_loved_one": "",
    },
    v.STEPPING_DOWN: {
        "matched_me": "Usted terminó un programa en un centro donde vivía y quiere un "
        "siguiente paso.",
        "matched_loved_one": "Su ser querido terminó un programa en un centro donde vivía y "
        "quiere un siguiente paso.",
        "benefit_me": "El IOP sigue teniendo una estructura clara y personas que le preguntan cómo "
        "va. Ese apoyo ayuda mucho a no volver a beber ni a usar drogas.",
        "benefit_loved_one": "El IOP sigue teniendo una estructura clara y personas que preguntan "
        "cómo va la persona. Ese apoyo ayuda mucho a no volver a beber ni a usar drogas.",
        "warning_me": "",
        "warning_loved_one": "",
    },
    v.RELAPSE: {
        "matched_me": "Usted dejó de beber o de usar drogas por un tiempo, volvió a empezar y "
        "ahora quiere volver al buen camino.",
        "matched_loved_one": "Su ser querido dejó de beber o de usar drogas por un tiempo, volvió "
        "a empezar y ahora quiere volver al buen camino.",
        "benefit_me": "El IOP le da un lugar seguro para hablar de lo que cuesta en los primeros "
        "tiempos de la recuperación. Ahí puede trabajar en eso, en su vida de cada día.",
        "benefit_loved_one": "El IOP le da a la persona un lugar seguro para hablar de lo que "
        "cuesta en los primeros tiempos de la recuperación. Ahí puede trabajar en eso, en su "
        "vida de cada día.",
        "warning_me": "Cuídese: después de una pausa, su cuerpo aguanta mucho menos que antes. "
        "Usar la misma cantidad de antes puede causar una sobredosis. Tenga naloxona (Narcan) "
        "con usted y no use drogas a solas.",
        "warning_loved_one": "Cuidado: después de una pausa, el cuerpo de la persona aguanta "
        "mucho menos que antes. Usar la misma cantidad de antes puede causar una sobredosis. "
        "Tenga naloxona (Narcan) a mano y aprenda a usarla.",
    },
}

PAGE_TEXTS_ES = {
    v.START_FACTS: {
        "text_me": "<ul>"
        "<li>Unos 2 minutos: 4 o 5 preguntas cortas, una por página.</li>"
        "<li>Es una autoevaluación, no un diagnóstico. Una llamada o una evaluación gratis le "
        "da una respuesta real.</li>"
        "<li>No guardamos nada sobre usted. Sus respuestas se borran en cuanto ve su resultado, "
        "o después de una hora.</li>"
        "<li>Puede volver atrás, cambiar una respuesta o empezar de nuevo cuando quiera.</li>"
        "</ul>",
    },
    v.ABOUT_CALL: {
        "text_me": "<h2>Qué pasa cuando llama</h2><ul>"
        "<li>Contesta una persona del equipo de [provider name].</li>"
        "<li>Le preguntan sobre su consumo de alcohol o drogas, su salud y la ayuda que tuvo "
        "antes. Tal vez le pregunten por su seguro médico.</li>"
        "<li>La llamada es gratis y confidencial. No tiene que inscribirse en nada.</li>"
        "</ul>",
        "text_loved_one": "<h2>Qué pasa cuando llama</h2><ul>"
        "<li>Contesta una persona del equipo de [provider name].</li>"
        "<li>Le preguntan sobre el consumo de alcohol o drogas de su ser querido, su salud y la "
        "ayuda que tuvo antes. Tal vez le pregunten por su seguro médico.</li>"
        "<li>La llamada es gratis y confidencial. No tiene que inscribirse en nada.</li>"
        "<li>Puede llamar para pedir ayuda para otra persona.</li>"
        "</ul>",
    },
}
PAGE_TEXTS_ES[v.START_FACTS]["text_loved_one"] = PAGE_TEXTS_ES[v.START_FACTS]["text_me"]

RICH_FIELDS = {
    "question": ["help_me", "help_loved_one"],
    "resulttext": ["body_me", "body_loved_one"],
    "pathbenefit": ["benefit_me", "benefit_loved_one"],
    "pagetext": ["text_me", "text_loved_one"],
}
for texts, fields in (
    (QUESTIONS, RICH_FIELDS["question"]),
    (RESULTS, RICH_FIELDS["resulttext"]),
    (PATH_BENEFITS, RICH_FIELDS["pathbenefit"]),
    (QUESTIONS_ES, RICH_FIELDS["question"]),
    (RESULTS_ES, RICH_FIELDS["resulttext"]),
    (PATH_BENEFITS_ES, RICH_FIELDS["pathbenefit"]),
):
    for starting in texts.values():
        for name in fields:
            starting[name] = paragraphs(starting[name])
