from django.template import Context, Template


def test_a_status_tag_takes_its_colour_from_the_status_and_unknown_ones_stay_neutral():
    template = Template(
        "{% include 'components/status_tag.html' with status=status label='Etikett' %}"
    )
    assert 'data-color="success"' in template.render(Context({"status": "approved"}))
    assert 'data-color="warning"' in template.render(Context({"status": "submitted"}))
    assert 'data-color="neutral"' in template.render(Context({"status": "withdrawn"}))
