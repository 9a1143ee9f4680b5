[#ftl output_format="HTML" strip_whitespace=true]
[#import "layout.ftl" as layout]
[@layout.page root="" title=title]
<h1>[=title]</h1>
<p class="lead" id="summary">[=summary]</p>
<ul class="counts">
<li>Submissions: <span data-count="submissions">[=submissions]</span></li>
<li>Right: <span data-count="judged">[=judged]</span></li>
<li>With wrong claims: <span data-count="wrong">[=wrong]</span></li>
<li>Not judged: <span data-count="not_judged">[=notJudged]</span></li>
<li>Unreadable: <span data-count="unreadable">[=unreadable]</span></li>
</ul>
[#if mistakes?has_content]
<h2>The most common mistakes</h2>
<table class="grid" id="mistakes">
<thead><tr><th scope="col">Mistake</th><th scope="col">Submissions</th></tr></thead>
<tbody>
[#list mistakes as m]<tr><td>[=m.kind]</td><td>[=m.submissions]</td></tr>
[/#list]
</tbody>
</table>
[/#if]
<h2>Submissions</h2>
<p>Click a column's heading to sort by it.</p>
<div class="grid-scroll">
<table class="grid sortable" id="grades">
<thead><tr>
<th scope="col">Student</th><th scope="col">File</th><th scope="col">Variant</th><th scope="col">Status</th>
<th scope="col" data-type="number">Claims</th><th scope="col" data-type="number">Confirmed</th>
<th scope="col" data-type="number">Wrong</th><th scope="col" data-type="number">Not judged</th>
<th scope="col" data-type="number">Questions right</th>
</tr></thead>
<tbody>
[#list rows as r]<tr class="status-[=r.statusClass]">
<th scope="row"><a href="[=r.page]">[=r.student]</a></th><td>[=r.file]</td><td>[=r.variant]</td><td>[=r.status]</td>
<td>[=r.claims]</td><td>[=r.confirmed]</td><td>[=r.wrong]</td><td>[=r.notJudged]</td><td>[=r.questionsRight]</td>
</tr>
[/#list]
</tbody>
</table>
</div>
[/@layout.page]
