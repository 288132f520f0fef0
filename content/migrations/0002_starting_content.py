"""The starting content: the three article pages and the one site-settings record."""

from django.db import migrations

HOME_INTRO = (
    "Worried about your own drinking or drug use, or about someone you love? "
    "Here you can learn about intensive outpatient treatment (IOP) in plain words. "
    "You can take a short self-check, and call us when you are ready."
)

PAGES = [
    {
        "slug": "what-is-iop",
        "title": "What is intensive outpatient treatment (IOP)?",
        "nav_title": "What is IOP?",
        "nav_order": 10,
        "summary": "IOP is a structured treatment program for alcohol or drug use. "
        "You get many of the same services as rehab, but you live at home.",
        "body": """
<p>Intensive outpatient treatment, or IOP, is a program for people who want to stop drinking
or using drugs. It has a clear plan and a steady schedule. It is built to help you start a life
in recovery.</p>
<h2>How is it different from rehab where you stay?</h2>
<p>In inpatient rehab, also called residential rehab, you live at the treatment center for a
while. IOP gives you many of the same services. The big difference is where you sleep: in IOP,
you come in for treatment and then go home.</p>
<h2>Is it still a serious program?</h2>
<p>Yes. IOP has structure and rules you agree to follow. There are people who check in on how
you are doing and keep you on track.</p>
<h2>Where does IOP fit among the kinds of care?</h2>
<p>Treatment programs sort care into levels. The guide many of them use is called the ASAM
Criteria. In that guide, IOP is level 2.1. It is more than a weekly talk with a counselor, and
less than living at a treatment center.</p>
<h2>Safety first: detox</h2>
<p>Stopping alcohol, benzodiazepines or opioids all at once can be dangerous. If you might need
detox, a medical team should help you through it first. IOP can come after. We can help you
find that care.</p>
""",
    },
    {
        "slug": "who-is-iop-for",
        "title": "Who is a good fit for IOP?",
        "nav_title": "Who it is for",
        "nav_order": 20,
        "summary": "IOP can suit people who want to recover while living at home, people leaving "
        "inpatient care, and people getting back on track after a relapse.",
        "body": """
<p>IOP can be a good choice if one or more of these sound like you, or like someone you care
about.</p>
<ul>
<li><strong>You are ready to recover, but you would rather not live at a treatment
center.</strong> You are committed to getting sober and want to stay at home while you do it.</li>
<li><strong>You have finished an inpatient program.</strong> You want a next step that helps you
go back to everyday life.</li>
<li><strong>You were in recovery and started using again.</strong> You want help getting back on
track. This happens to many people. It does not mean you failed.</li>
</ul>
<h2>One more thing: detox</h2>
<p>IOP is for people who have already finished detox, or who do not need it. If you feel shaky,
sweaty or sick when you cut down, talk to a doctor before you stop. Our self-check can help you
think it through, and so can a short phone call with us.</p>
""",
    },
    {
        "slug": "benefits-of-iop",
        "title": "What are the benefits of IOP?",
        "nav_title": "Benefits",
        "nav_order": 30,
        "summary": "IOP is part-time, so you can keep up with work, school or family. "
        "It still gives you structure, support and a safe place to talk.",
        "body": """
<p>For the right person, IOP has some real strengths.</p>
<ul>
<li><strong>It is part-time.</strong> You can keep going to work or school, and keep caring for
your family, while you get treatment.</li>
<li><strong>It keeps you on track.</strong> Part-time does not mean loose. IOP has structure,
and people hold you to your goals. That support makes a big difference in staying sober.</li>
<li><strong>It is a safe place to talk.</strong> Early recovery brings hard days. In IOP you can
talk about what comes up in daily life and learn how to handle it.</li>
<li><strong>It helps after a step down or a setback.</strong> If you just left a residential
program, or you used again lately, IOP can help you find your footing.</li>
</ul>
<p>Want to know if IOP fits you? Take the self-check, or give us a call. The call is free and
private.</p>
""",
    },
]


def add_starting_content(apps, schema_editor):
    Page = apps.get_model("content", "Page")
    SiteSettings = apps.get_model("content", "SiteSettings")
    SiteSettings.objects.get_or_create(pk=1, defaults={"home_intro": HOME_INTRO})
    for page in PAGES:
        Page.objects.get_or_create(
            slug=page["slug"],
            defaults={**page, "body": page["body"].strip(), "is_published": True},
        )


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial")]
    operations = [migrations.RunPython(add_starting_content, migrations.RunPython.noop)]
