"""The annotation renderer: its output is markup, so these compare the exact markup it writes
(and that HTML in an annotation comes out escaped)."""

from agenda.outputs.richtext import footnote_labels, parse_blocks, render_html


def test_paragraphs_lists_and_footnotes_render_to_html():
    text = "讨论以下三个分议题：[^1]\n\n- (a) 以电子方式传送；\n- (b) 使用视频会议。\n\n最后一段。"
    assert render_html(text, {"1": 4}) == (
        '<p>讨论以下三个分议题：<sup class="fn-ref"><a href="#fn-4" id="fnref-4">4</a></sup></p>\n'
        "<ul><li>(a) 以电子方式传送；</li><li>(b) 使用视频会议。</li></ul>\n"
        "<p>最后一段。</p>"
    )


def test_html_in_annotations_is_escaped():
    assert render_html('<script>alert("x")</script>', {}) == (
        "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>"
    )


def test_line_breaks_join_with_a_space_in_english_and_without_in_chinese():
    assert parse_blocks("The Working\nGroup")[0].text == "The Working Group"
    assert parse_blocks("工作组\n将通过")[0].text == "工作组将通过"


def test_footnote_labels_in_order_of_first_reference():
    assert footnote_labels("a[^2] b[^1] c[^2]") == ["2", "1"]


def test_a_reference_to_an_unknown_footnote_is_dropped_not_rendered_raw():
    assert render_html("Text[^9].", {}) == "<p>Text.</p>"


def test_the_pdf_puts_its_own_markup_where_a_footnote_is_referenced():
    html = render_html("See[^a] this.", {"a": 3}, lambda n: f'<span class="footnote">N{n}</span>')
    assert html == '<p>See<span class="footnote">N3</span> this.</p>'
