[#ftl output_format="HTML" strip_whitespace=true]
[#import "layout.ftl" as layout]
[@layout.page site=site root=root title="All lessons"]
<h1>[=site.title]</h1>
<p class="lead">[=site.description]</p>
<p>[=lessons] lessons, one per cell, activation, parameter, loss and number of stages N. Each one is also
available as Markdown, as LaTeX and as a Jupyter notebook from its page.</p>
[#list grids as grid]
<section class="grid-section">
<h2>[=grid.heading]</h2>
<div class="grid-scroll">
<table class="grid">
<thead><tr><th scope="col">gradient of</th>[#list grid.steps as n]<th scope="col">N = [=n]</th>[/#list]</tr></thead>
<tbody>
[#list grid.rows as row]
<tr><th scope="row">[=row.loss] loss by [=row.parameter]</th>[#list row.lessons as lesson]<td><a href="[=lesson.href]">[=lesson.text]</a></td>[/#list]</tr>
[/#list]
</tbody>
</table>
</div>
</section>
[/#list]
[/@layout.page]
