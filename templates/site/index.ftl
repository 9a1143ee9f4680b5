[#ftl output_format="HTML" strip_whitespace=true]
[#import "layout.ftl" as layout]
[@layout.page site=site root=root title="All lessons" chrome=chrome]
<h1 id="lessons">[=site.title]</h1>
<p class="lead">[=site.description]</p>
<p>[=summary] Each lesson is one cell, activation, parameter, loss and number of stages N, and is also
available as Markdown, as LaTeX and as a Jupyter notebook from its page.</p>
[#list groups as group]
<section class="group" aria-labelledby="[=group.id]">
<h2 id="[=group.id]">[=group.heading]<a class="permalink" href="#[=group.id]" aria-label="Link to this section">#</a></h2>
<p>[=group.sentence]</p>
<ul class="gradients">
[#list group.gradients as g]
<li id="[=g.id]"><a class="gradient-link" href="[=g.href]">[=g.label?cap_first]</a>: [=g.sentence]
<span class="stepper" aria-label="Number of stages N">[#list g.steps as s]<a href="[=s.href]" title="N = [=s.steps]">[=s.steps]</a>[/#list]</span></li>
[/#list]
</ul>
</section>
[/#list]
[/@layout.page]
