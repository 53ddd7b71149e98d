// Browser tests of the console's committee-election screens against the demo street: starting an
// election, the supervisor's sign-offs and the admin opening steps (with the server's refusals),
// nominating and vetting candidates, two clerks' paper-ballot entry with the supervisor's review and
// the count, the explained result of a filed election, its printable blank ballots and its result notice.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { assertAccessible, checkScreen, poppersClosed } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

/** Opens an election's page as `login` in a fresh context. */
async function openElection(suite, login, electionId) {
  const page = await suite.consolePage(login, `/elections/${electionId}`)
  await page.getByTestId('step-timeline').waitFor()
  return page
}

/** The seeded first election of 西四苑, whose publicity period has run out awaiting sign-off. */
async function xisiyuanElection(baseUrl, admin) {
  const compoundId = await findNodeId(baseUrl, '西四苑')
  const election = (await admin.get(`/api/v1/elections?node=${compoundId}`)).items.find((shown) => shown.state === 'running')
  assert.ok(election, 'the demo has a running election in 西四苑')
  return election
}

/** Brings a running election to the nomination step through the API, from wherever it stands before it. */
async function advanceToNomination(baseUrl, election) {
  const admin = await apiSession(baseUrl, 'admin')
  const supervisor = await apiSession(baseUrl, 'supervisor')
  let current = election
  while (current.current_step < 4) {
    const step = current.steps[current.current_step - 1]
    if (!step.signed_off_at) {
      await supervisor.send('POST', `/api/v1/elections/${current.id}/steps/${step.step}/sign-off`, {})
    }
    current = await admin.send('POST', `/api/v1/elections/${current.id}/steps/${current.current_step + 1}/open`, {})
  }
  assert.equal(current.current_step, 4)
  return current
}

/** A person of the compound found the way a secretary would: by the phone number read off the record. */
async function phoneOfPerson(admin, personId) {
  const { phone } = await admin.send('POST', `/api/v1/people/${personId}/unmask`, { reason: '浏览器测试提名候选人' })
  return phone
}

describe('election console screens', () => {
  const suite = browserSuite(desktop)

  test('the admin starts an election from the list: the drawer checks the form and the server names the field', async () => {
    const page = await suite.consolePage('admin')
    await page.getByTestId('console-menu').getByText('自管会选举').click()
    const table = page.getByTestId('elections-table')
    await table.getByText('德胜坝小区').waitFor()
    const listed = (await (await apiSession(suite.baseUrl, 'admin')).get('/api/v1/elections')).items
    assert.equal(await table.locator('tbody tr').count(), listed.length, 'every election of the street is listed')
    await table.locator('tr').filter({ hasText: '德胜坝小区' }).getByText('第 7 步 公告与备案').waitFor()
    await checkScreen(page, 'elections list', 'elections-list')

    await page.getByTestId('create-election').click()
    const drawer = page.getByTestId('create-election-form')
    await drawer.getByTestId('election-title').fill('')
    await drawer.getByTestId('save').click()
    await drawer.getByText('请选择小区').waitFor()
    await drawer.getByText('请填写选举名称').waitFor()
    const compoundItem = drawer.locator('.el-form-item').filter({ has: page.getByText('小区', { exact: true }) })
    const pick = async (name) => {
      await compoundItem.locator('.el-select__wrapper').click()
      const tree = page.locator('.el-tree-select__popper:visible')
      // The tree keeps what was opened before: open a level only when it is closed.
      const expand = async (label) => {
        const content = tree.locator('.el-tree-node__content').filter({ hasText: label })
        if ((await content.locator('..').getAttribute('aria-expanded')) !== 'true') {
          await content.locator('.el-tree-node__expand-icon').click()
        }
      }
      await expand('大关街道')
      if (name !== '德胜社区') await expand('德胜社区')
      await tree.getByText(name, { exact: true }).click()
      await poppersClosed(page)
    }
    // A community is not a compound: the server's refusal is shown above the form.
    await pick('德胜社区')
    await drawer.getByTestId('election-title').fill('2026年德胜坝小区自管会换届选举')
    await drawer.getByTestId('save').click()
    await drawer.getByRole('alert').getByText('找不到该小区').waitFor()
    await checkScreen(page, 'new election drawer', 'elections-create')

    await pick('德胜坝小区')
    await drawer.getByText('有效选票', { exact: true }).click()
    await drawer.getByTestId('save').click()
    await page.waitForURL(/\/elections\/\d+$/)
    const election = page.getByTestId('election-page')
    await election.getByRole('heading', { name: '2026年德胜坝小区自管会换届选举' }).waitFor()
    await election.getByTestId('election-facts').getByText('有效选票').waitFor()
    assert.equal(await page.getByTestId('step-1').getAttribute('data-status'), 'process')
    assert.equal(await page.getByTestId('step-2').getAttribute('data-status'), 'wait')
  })

  test('the supervisor signs off step 1 and the admin opens step 2; opening out of order and an early publicity sign-off are refused', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const compoundId = await findNodeId(suite.baseUrl, '德胜坝小区')
    const created = await admin.send(
      'POST',
      '/api/v1/elections',
      { compound_id: compoundId, title: '签字流程测试选举', seats: 5 },
      { expectedStatus: 201 },
    )

    const supervisor = await openElection(suite, 'supervisor', created.id)
    assert.equal(await supervisor.getByTestId('open-next').count(), 0, 'the supervisor cannot open steps')
    await supervisor.getByTestId('sign-off').click()
    const dialog = supervisor.getByTestId('sign-off-dialog')
    await dialog.getByText('确认选举工作组已成立。').waitFor()
    await dialog.getByRole('textbox').fill('工作组 5 人已到位')
    await checkScreen(supervisor, 'sign-off dialog', 'elections-sign-off')
    await dialog.getByTestId('confirm-sign-off').click()
    await supervisor.getByText('第 1 步已签字').waitFor()
    const step1 = supervisor.getByTestId('step-1')
    assert.equal(await step1.getAttribute('data-status'), 'success')
    // The signer reads their own step as any timeline shows them: as 我.
    await step1.getByText('签字：我', { exact: true }).waitFor()
    assert.equal(await supervisor.getByTestId('sign-off').count(), 0, 'nothing is left to sign until a step opens')
    const signed = await admin.get(`/api/v1/elections/${created.id}`)
    assert.ok(signed.steps[0].signed_off_at, 'the sign-off is recorded')

    const page = await openElection(suite, 'admin', created.id)
    assert.equal(await page.getByTestId('sign-off').count(), 0, 'the admin cannot sign off')
    // Anyone reading the timeline sees who signed and the note.
    await page.getByTestId('step-1').getByText('签字：街道纪委监督员（演示）（纪委监督员）').waitFor()
    await page.getByTestId('step-1').getByText('工作组 5 人已到位').waitFor()
    await page.getByTestId('open-next').click()
    await page.getByRole('dialog').getByText('确定开启第 2 步「宣传发动与公示职责」？公示期自今天起计算。').waitFor()
    await page.getByRole('dialog').getByRole('button', { name: '开启下一步' }).click()
    await page.getByText('已开启第 2 步').waitFor()
    const step2 = page.getByTestId('step-2')
    assert.equal(await step2.getAttribute('data-status'), 'process')
    await step2.getByText(/^公示期至 \d{4}-\d{2}-\d{2}$/).waitFor()

    // Step 2 is not signed off: the server refuses step 3 and the page says why.
    await page.getByTestId('open-next').click()
    await page.getByRole('dialog').getByRole('button', { name: '开启下一步' }).click()
    await page.getByTestId('step-refusal').getByText('第 2 步尚未经纪检监督员签字').waitFor()
    assert.equal(await page.getByTestId('step-3').getAttribute('data-status'), 'wait')
    assert.equal((await admin.get(`/api/v1/elections/${created.id}`)).current_step, 2)
    await checkScreen(page, 'election timeline with refusal', 'elections-open-refused')

    // The publicity period has only begun: the supervisor's sign-off is refused in the dialog.
    const early = await openElection(suite, 'supervisor', created.id)
    await early.getByTestId('sign-off').click()
    await early.getByTestId('confirm-sign-off').click()
    await early.getByTestId('sign-off-error').getByText(/^公示期至 \d{4}-\d{2}-\d{2} 结束，期满后才能签字$/).waitFor()
    assert.equal(await early.getByTestId('step-2').getAttribute('data-status'), 'process')
  })

  test('the supervisor signs off the expired publicity of 西四苑 and the admin opens voter registration', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const seeded = await xisiyuanElection(suite.baseUrl, admin)
    assert.equal(seeded.current_step, 2)
    assert.equal(seeded.steps[1].signed_off_at, null)

    const supervisor = await openElection(suite, 'supervisor', seeded.id)
    await supervisor.getByTestId('sign-off').click()
    await supervisor.getByTestId('confirm-sign-off').click()
    await supervisor.getByText('第 2 步已签字').waitFor()
    assert.equal(await supervisor.getByTestId('step-2').getAttribute('data-status'), 'success')

    const page = await openElection(suite, 'admin', seeded.id)
    await page.getByTestId('open-next').click()
    await page.getByRole('dialog').getByText('开启后将按登记方式生成并冻结选民名册。', { exact: false }).waitFor()
    await page.getByRole('dialog').getByRole('button', { name: '开启下一步' }).click()
    await page.getByText('已开启第 3 步').waitFor()
    assert.equal(await page.getByTestId('step-3').getAttribute('data-status'), 'process')
    assert.equal((await admin.get(`/api/v1/elections/${seeded.id}`)).current_step, 3)
    await checkScreen(page, 'election timeline', 'elections-timeline')
  })

  test('the admin nominates candidates in the nomination step and vets them, with reasons', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const election = await advanceToNomination(suite.baseUrl, await xisiyuanElection(suite.baseUrl, admin))
    const people = (await admin.get(`/api/v1/people?node=${election.compound.id}&limit=2`)).items
    assert.equal(people.length, 2, 'the compound has people to nominate')
    const [first, second] = people

    const page = await openElection(suite, 'admin', election.id)
    const candidates = page.getByTestId('candidates')
    await candidates.getByText('还没有候选人').waitFor()
    const nominate = async (person, nomination, nominatedBy) => {
      await candidates.getByTestId('nominate').click()
      const drawer = page.getByTestId('nominate-form')
      await drawer.getByTestId('candidate-person').locator('input').fill(await phoneOfPerson(admin, person.id))
      await page.getByRole('option', { name: person.name }).first().click()
      await drawer.getByText(nomination, { exact: true }).click()
      await drawer.getByTestId('nominated-by').fill(nominatedBy)
      return drawer
    }

    const drawer = await nominate(first, '居民联名', '3 幢居民 12 人联名')
    await drawer.getByTestId('origin').click()
    await page.getByRole('option', { name: '楼道长' }).click()
    await poppersClosed(page)
    await checkScreen(page, 'nominate drawer', 'elections-nominate')
    await drawer.getByTestId('save').click()
    await page.getByText('已提名候选人').waitFor()
    const table = candidates.getByTestId('candidates-table')
    const firstRow = table.locator('tbody tr').filter({ hasText: first.name })
    await firstRow.getByText('居民联名').waitFor()
    await firstRow.getByText('3 幢居民 12 人联名').waitFor()
    await firstRow.getByText('楼道长').waitFor()
    await firstRow.getByText('待审查').waitFor()

    // The same person again: the server's refusal lands on the person field.
    const again = await nominate(first, '自荐', '本人')
    await again.getByTestId('save').click()
    await again.locator('.el-form-item.is-error').getByText('此人已被提名').waitFor()
    await again.getByRole('button', { name: '取消' }).click()

    await (await nominate(second, '组织推荐', '社区党组织')).getByTestId('save').click()
    await table.locator('tbody tr').filter({ hasText: second.name }).getByText('组织推荐').waitFor()
    await candidates.getByTestId('candidates-summary').getByText('共 2 名候选人，审查通过 0 名，应选').waitFor()

    const [firstCandidate, secondCandidate] = (await admin.get(`/api/v1/elections/${election.id}/candidates`)).items
    await candidates.getByTestId(`approve-${firstCandidate.id}`).click()
    const vetting = page.getByTestId('vetting-dialog')
    assert.equal(await vetting.getByTestId('vetting-reason').inputValue(), '符合参选条件')
    await vetting.getByTestId('confirm-vetting').click()
    await page.getByText(`${first.name} 审查通过`).waitFor()
    await firstRow.getByText('审查通过').waitFor()

    await candidates.getByTestId(`reject-${secondCandidate.id}`).click()
    await vetting.getByTestId('confirm-vetting').click()
    await vetting.getByText('请填写审查理由').waitFor()
    await vetting.getByTestId('vetting-reason').fill('户籍不在本小区，不符合参选条件')
    await assertAccessible(page, 'vetting dialog')
    await vetting.getByTestId('confirm-vetting').click()
    const secondRow = table.locator('tbody tr').filter({ hasText: second.name })
    await secondRow.getByText('未通过').waitFor()
    await secondRow.getByText('户籍不在本小区，不符合参选条件').waitFor()
    await candidates.getByTestId('candidates-summary').getByText('共 2 名候选人，审查通过 1 名，应选').waitFor()
    const stored = (await admin.get(`/api/v1/elections/${election.id}/candidates`)).items
    assert.deepEqual(
      stored.map((candidate) => [candidate.nomination, candidate.origin, candidate.vetting]),
      [
        ['joint', 'building_leader', 'approved'],
        ['organisation', 'enthusiastic_resident', 'rejected'],
      ],
    )
    await checkScreen(page, 'candidates', 'elections-candidates')
  })

  test('the admin records a visit and answers the supervisor’s complaint; the supervisor only reads them', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const election = await xisiyuanElection(suite.baseUrl, admin)
    const [visitor, visited] = (await admin.get(`/api/v1/people?node=${election.compound.id}&limit=2`)).items
    const complaintBody = { text: '选举公告张贴位置太偏，很多居民没看到' }
    // Complaints come from the election's voters and the compound's staff: not from a resident of 德胜新村.
    const resident = await apiSession(suite.baseUrl, 'resident')
    await resident.send('POST', `/api/v1/elections/${election.id}/complaints`, complaintBody, { expectedStatus: 403 })
    const supervising = await apiSession(suite.baseUrl, 'supervisor')
    await supervising.send('POST', `/api/v1/elections/${election.id}/complaints`, complaintBody, { expectedStatus: 201 })

    const page = await openElection(suite, 'admin', election.id)
    await page.getByRole('tab', { name: '走访记录' }).click()
    const visits = page.getByTestId('visits')
    const before = await visits.getByTestId('visits-table').locator('tbody tr').count()
    await visits.getByTestId('add-visit').click()
    const drawer = page.getByTestId('visit-form')
    await drawer.getByTestId('save').click()
    await drawer.getByText('请选择人员').first().waitFor()
    await drawer.getByText('请选择日期').waitFor()
    const choose = async (testId, person) => {
      await drawer.getByTestId(testId).locator('input').fill(await phoneOfPerson(admin, person.id))
      await page.getByRole('option', { name: person.name }).first().click()
    }
    await choose('visitor', visitor)
    await choose('visited', visited)
    await drawer.getByLabel('走访日期').fill('2026-11-20')
    await drawer.getByLabel('走访日期').press('Enter')
    await drawer.locator('textarea').fill('入户了解参选意愿，愿意参选')
    await poppersClosed(page)
    await checkScreen(page, 'visit drawer', 'elections-visit')
    await drawer.getByTestId('save').click()
    await page.getByText('已登记走访').waitFor()
    const row = visits.getByTestId('visits-table').locator('tbody tr').filter({ hasText: '入户了解参选意愿，愿意参选' })
    await row.getByText('2026-11-20').waitFor()
    await row.getByText(visitor.name, { exact: true }).waitFor()
    assert.equal(await visits.getByTestId('visits-table').locator('tbody tr').count(), before + 1)

    await page.getByRole('tab', { name: '异议' }).click()
    const complaint = page.getByTestId('complaint').filter({ hasText: '选举公告张贴位置太偏' })
    await complaint.getByRole('button', { name: '提交答复' }).click()
    await complaint.getByText('请填写答复').waitFor()
    await complaint.locator('textarea').fill('已在各楼道口加贴公告')
    await complaint.getByRole('button', { name: '提交答复' }).click()
    await complaint.getByText('答复：已在各楼道口加贴公告').waitFor()
    await checkScreen(page, 'complaints', 'elections-complaints')
    const stored = (await admin.get(`/api/v1/elections/${election.id}/complaints`)).items
    assert.equal(stored.find((item) => item.text.startsWith('选举公告张贴位置太偏')).answer, '已在各楼道口加贴公告')

    const supervisor = await openElection(suite, 'supervisor', election.id)
    await supervisor.getByRole('tab', { name: '异议' }).click()
    await supervisor.getByTestId('complaint').first().waitFor()
    assert.equal(await supervisor.getByRole('button', { name: '提交答复' }).count(), 0, 'the supervisor cannot answer')
    await supervisor.getByRole('tab', { name: '走访记录' }).click()
    await supervisor.getByTestId('visits-table').waitFor()
    assert.equal(await supervisor.getByTestId('add-visit').count(), 0, 'the supervisor cannot record visits')
  })

  // The paper ballots of 德胜新村's re-election, from their entry to the count; the two tests run in order.
  let admin, election, round, nameOf

  test('two clerks type numbered paper ballots of 德胜新村’s vote; one matches and is counted, a mismatch is held', async () => {
    admin = await apiSession(suite.baseUrl, 'admin')
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    election = (await admin.get(`/api/v1/elections?node=${compoundId}`)).items.find((shown) => shown.state === 'running')
    assert.ok(election, 'the demo has a re-election running in 德胜新村')
    assert.equal(election.current_step, 6)
    ;[round] = election.rounds
    const candidates = (await admin.get(`/api/v1/elections/${election.id}/candidates`)).items
    nameOf = (id) => candidates.find((candidate) => candidate.id === id).person.name

    const clerkA = await openElection(suite, 'commissioner', election.id)
    await clerkA.getByRole('tab', { name: '纸质选票录入' }).click()
    const paperA = clerkA.getByTestId('paper-ballots')
    await paperA.getByTestId('paper-issued').locator('input').fill('2')
    await paperA.getByTestId('paper-returned').locator('input').fill('2')
    await paperA.getByTestId('save-account').click()
    await clerkA.getByText('已保存纸质选票台账').waitFor()

    const enter = async (paper, number, keys) => {
      await paper.getByTestId('ballot-number').fill(number)
      await paper.getByTestId('entry-keys').fill(keys)
      await paper.getByTestId('submit-entry').click()
    }
    // Ballot numbers are printed digits: a letter outside hex is refused on the number field.
    await enter(paperA, 'P001', '135')
    await paperA.locator('.el-form-item.is-error').getByText('选票编号应为 1–32 位数字或字母').waitFor()
    await enter(paperA, '001', '135')
    await paperA.getByTestId('entry-outcome').getByText('选票 001：已录入，等待另一位录入员独立录入').waitFor()
    assert.equal(await paperA.getByTestId('ballot-number').inputValue(), '', 'the form is cleared for the next ballot')
    await enter(paperA, '002', '12')
    await paperA.getByTestId('entry-outcome').getByText('选票 002：已录入').waitFor()
    // Six ticks for five seats: shown as a void ballot, still entered as read.
    await paperA.getByTestId('entry-keys').fill('123456')
    await paperA.getByText('已选 6 人，超过应选 5 人：此票为废票，请按选票原样录入').waitFor()
    await checkScreen(clerkA, 'paper ballot entry', 'elections-paper-entry')

    const clerkB = await openElection(suite, 'committee', election.id)
    await clerkB.getByRole('tab', { name: '纸质选票录入' }).click()
    const paperB = clerkB.getByTestId('paper-ballots')
    await enter(paperB, '001', '135')
    await paperB.getByTestId('entry-outcome').getByText('选票 001：两次录入一致，已计票').waitFor()
    await enter(paperB, '002', '13')
    await paperB.getByTestId('entry-outcome').getByText('选票 002：两次录入不一致，已交监督员复核').waitFor()
    await enter(paperB, '001', '1')
    await paperB.locator('.el-form-item.is-error').getByText('该纸质选票已计入').waitFor()
  })

  test('the supervisor settles the held paper ballot and the admin counts the round', async () => {
    const supervisor = await openElection(suite, 'supervisor', election.id)
    await supervisor.getByRole('tab', { name: '不一致复核' }).click()
    const held = supervisor.getByTestId('held-ballot')
    await held.getByText('选票编号 002').waitFor()
    await held.getByText(`1. ${nameOf(round.candidate_ids[0])}`, { exact: true }).click()
    await held.getByText(`2. ${nameOf(round.candidate_ids[1])}`, { exact: true }).click()
    await checkScreen(supervisor, 'held paper ballots', 'elections-held')
    await held.getByTestId('settle').click()
    await supervisor.getByText('没有待复核的纸质选票').waitFor()

    const counter = await openElection(suite, 'admin', election.id)
    await counter.getByRole('tab', { name: '计票结果' }).click()
    await counter.getByTestId('count-round').click()
    // The count is stored once the screen says so; reading earlier could find the round uncounted.
    await counter.getByText('已完成计票').waitFor()
    const counted = await admin.get(`/api/v1/elections/${election.id}`)
    const result = counted.rounds[0].result
    const first = counter.getByTestId('round-1')
    await first.getByTestId('round-figures').getByText(String(result.returned), { exact: true }).first().waitFor()
    const validity = await first.getByTestId('round-validity').innerText()
    assert.match(validity, result.round_valid ? /^本轮有效/ : /^本轮无效/)
    assert.ok(validity.includes(`收回 ${result.returned} 张`), validity)
    await checkScreen(counter, 'count of 德胜新村', 'elections-counted')
  })

  test('the count of 德胜坝小区’s filed 2021 election explains the base, the elected and the alternates; its blank ballots print', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const compoundId = await findNodeId(suite.baseUrl, '德胜坝小区')
    const filed = (await admin.get(`/api/v1/elections?node=${compoundId}`)).items.find((shown) => shown.state === 'filed')
    const candidates = (await admin.get(`/api/v1/elections/${filed.id}/candidates`)).items
    const nameOf = (id) => candidates.find((candidate) => candidate.id === id).person.name
    const { result, verdicts } = filed.rounds[0]
    assert.ok(result.elected.length === 5 && result.alternates.length > 0, 'the demo election has alternates')
    const metOf = (id) => verdicts.candidates.find((verdict) => verdict.candidate_id === id).meets_rule
    assert.ok(metOf(result.elected[4].candidate_id), 'the last elected meets the majority')
    assert.ok(!metOf(result.alternates[0].candidate_id), 'the first alternate falls short of it')

    const page = await suite.consolePage('admin')
    await page.getByTestId('console-menu').getByText('自管会选举').click()
    await page.getByTestId('elections-table').locator('tbody tr').filter({ hasText: '德胜坝小区' }).filter({ hasText: filed.title }).getByRole('link').click()
    const round = page.getByTestId('round-1')
    await round.getByTestId('round-validity').getByText(`本轮有效：收回 ${result.returned} 张，未多于发出的 ${result.issued} 张`, { exact: false }).waitFor()
    const needed = Math.floor(result.base / 2) + 1
    await round.getByTestId('round-base').getByText(`过半数基数为收回的选票 ${result.base} 张。 得票超过 ${result.base} 的一半（至少 ${needed} 票）方可当选`, { exact: false }).waitFor()
    await round.getByTestId('round-alternates').getByText(`至少 ${Math.ceil(result.base / 3)} 票`, { exact: false }).waitFor()
    const tally = round.getByTestId('tally')
    for (const entry of result.elected) {
      await tally.locator('tr').filter({ hasText: nameOf(entry.candidate_id) }).getByText('当选', { exact: true }).waitFor()
    }
    await tally.locator('tr').filter({ hasText: nameOf(result.alternates[0].candidate_id) }).getByText('候补第 1 名').waitFor()
    // The over-half column shows the server's verdicts, not the screen's own arithmetic.
    await tally.locator('tr').filter({ hasText: nameOf(result.elected[4].candidate_id) }).getByText('是', { exact: true }).waitFor()
    await tally.locator('tr').filter({ hasText: nameOf(result.alternates[0].candidate_id) }).getByText('否', { exact: true }).waitFor()
    assert.equal(verdicts.electing_votes, needed, 'the bound on the screen is the one the server judged by')
    assert.equal(await tally.getByTestId('outcome').filter({ hasText: /^当选$/ }).count(), 5)
    assert.equal(
      await round.getByTestId('elected').innerText(),
      `当选：${result.elected.map((entry) => `${nameOf(entry.candidate_id)}（${entry.votes}）`).join('、')}`,
    )
    await round.getByTestId('alternates').getByText(`${nameOf(result.alternates[0].candidate_id)}（${result.alternates[0].votes}）`, { exact: false }).waitFor()
    assert.equal(await page.getByTestId('count-round').count(), 0, 'a filed election is not counted again')
    await page.getByTestId('step-7').getByText('已签字').waitFor()
    await checkScreen(page, 'count explanation', 'elections-count')

    await page.getByTestId('print-ballots').click()
    await page.waitForURL(/\/ballots\/print$/)
    await page.goto(`${suite.baseUrl}/elections/${filed.id}/ballots/print?count=3&from=8`)
    const ballots = page.getByTestId('paper-ballot')
    await ballots.first().waitFor()
    assert.equal(await ballots.count(), 3)
    assert.deepEqual(await page.getByTestId('ballot-number').allInnerTexts(), ['选票编号 008', '选票编号 009', '选票编号 010'])
    await ballots.first().getByText('最多选 5 人，多选无效').waitFor()
    const approved = candidates.filter((candidate) => candidate.vetting === 'approved')
    assert.ok(approved.every((candidate) => candidate.person.full_name && !candidate.person.full_name.includes('*')))
    const headers = await ballots.first().locator('th').allInnerTexts()
    assert.deepEqual(headers, approved.map((candidate, index) => `${index + 1}. ${candidate.person.full_name}`))
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.getByTestId('print').isVisible(), false, 'the toolbar is not printed')
    assert.equal(await ballots.first().evaluate((ballot) => getComputedStyle(ballot).breakAfter), 'page')
    await page.emulateMedia({ media: 'screen' })
    await checkScreen(page, 'printable ballots', 'elections-ballots-print')

    // The result notice for the board names the elected and the alternates in full, with each one's votes.
    await page.goto(`${suite.baseUrl}/elections/${filed.id}`)
    await page.getByTestId('result-sheet').click()
    await page.waitForURL(/\/result-sheet$/)
    const sheet = page.getByTestId('election-result-sheet')
    const fullNameOf = (id) => candidates.find((candidate) => candidate.id === id).person.full_name
    await sheet.getByTestId('sheet-ballots').first().getByText(`发出选票 ${result.issued} 张，收回 ${result.returned} 张`, { exact: false }).waitFor()
    const sheetTally = sheet.getByTestId('sheet-round-1').getByTestId('sheet-tally')
    for (const entry of result.elected) {
      const row = sheetTally.locator('tbody tr').filter({ hasText: fullNameOf(entry.candidate_id) })
      assert.deepEqual(await row.locator('td').allInnerTexts(), [fullNameOf(entry.candidate_id), String(entry.votes), '当选'])
    }
    assert.equal(await sheet.getByTestId('sheet-elected').innerText(), `当选：${result.elected.map((entry) => fullNameOf(entry.candidate_id)).join('、')}`)
    await sheet.getByTestId('sheet-alternates').getByText(fullNameOf(result.alternates[0].candidate_id), { exact: false }).waitFor()
    assert.match(await sheet.getByTestId('sheet-date').innerText(), /^公示日期：\d{4}-\d{2}-\d{2}$/)
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.getByTestId('print').isVisible(), false, 'the toolbar is not printed')
    await page.emulateMedia({ media: 'screen' })
    await checkScreen(page, 'election result notice', 'elections-result-sheet')
  })
})

