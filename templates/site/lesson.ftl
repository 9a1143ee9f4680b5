[#ftl output_format="HTML" strip_whitespace=true]
[#import "layout.ftl" as layout]
[#macro neighbours]
<nav class="lesson-nav" aria-label="Stages">
[#if previous??]<a rel="prev" href="[=previous.href]">&larr; [=previous.text]</a>[#else]<span></span>[/#if]
<a href="[=root]index.html">All lessons</a>
[#if next??]<a rel="next" href="[=next.href]">[=next.text] &rarr;</a>[#else]<span></span>[/#if]
</nav>
[/#macro]
[@layout.page site=site root=root title=title chrome=chrome]
<p class="lesson-facts">[=cell] cell · [=activation] · [=loss] loss by [=parameter] · N = [=steps] · lesson [=number] of [=total]</p>
<p class="versions">Also as <a href="[=markdown.href]">[=markdown.text]</a>, <a href="[=latex.href]">[=latex.text]</a>[#if pdf??], <a href="[=pdf.href]">[=pdf.text]</a>[/#if] and <a href="[=notebook.href]">[=notebook.text]</a>.</p>
[#if showDiagram]
<figure class="diagram"><img src="[=diagram.href]" alt="[=diagram.text]"><figcaption>[=diagram.text]</figcaption></figure>
[/#if]
<article class="lesson">
[=body?no_esc]
</article>
[@neighbours/]
[/@layout.page]
