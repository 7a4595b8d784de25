"""The learned off-topic check (handlers/off_topic.py, locales/off_topic.json): a leader's
question that reads more like one about something else gets no sourced answer, but the offer
to ask the office; the questions it resembles without being off-topic are still answered."""

from __future__ import annotations

import math
from pathlib import Path

import yaml
from harness import Bot
from qa_questions import ENGLISH, OFF_TOPIC, VIETNAMESE
from test_qa import leader_with_a_draft

from handlers import off_topic
from handlers.campaign import load_campaign
from handlers.knowledge import Knowledge

ROOT = Path(__file__).resolve().parents[2]
# Each was answered from the directive before the check: the words of a passage are there
# ("kế hoạch", "phong trào thi đua", "Mặt trận"), but what is asked is another body's own
CAUGHT = (
    "Ủy ban MTTQ Việt Nam tỉnh có kế hoạch riêng hưởng ứng phong trào thi đua năm 2024 "
    "không, nội dung cụ thể ra sao?",
    "Kính gửi Ban, Liên đoàn Lao động tỉnh có kế hoạch thi đua riêng cho công nhân lao động "
    "năm 2024 không, nội dung gồm những gì?",
    "Ngân hàng Nhà nước Việt Nam có phát động phong trào thi đua riêng trong toàn ngành năm "
    "2024 không?",
)


async def test_a_question_reading_off_topic_is_offered_to_the_office(quick_bot: Bot) -> None:
    leader = await leader_with_a_draft(quick_bot)
    for asked in CAUGHT:
        await leader.say(asked)
        assert "Nguồn:" not in leader.text, asked
        assert "chưa chắc" in leader.text, asked
        await leader.tap("Hỏi cơ quan thường trực")  # what was typed is not lost
        assert "Câu hỏi đã được chuyển" in leader.text or "Câu hỏi đã được lưu" in leader.text
    # what they resemble, asked of the campaign, is answered
    for asked, fact in (
        ("Ủy ban Mặt trận Tổ quốc tỉnh được chỉ thị giao nhiệm vụ gì?", "phối hợp"),
        ("Các sở phải làm gì để phát động phong trào thi đua?", "xây dựng kế hoạch"),
        ("Hạn đăng ký thi đua năm 2026 là khi nào?", "31/12/2026"),  # a deadline's own year
        ("Khối thi đua của mình?", "Cụm thi đua"),
    ):
        await leader.say(asked)
        assert fact in leader.text and "Nguồn:" in leader.text, asked


def test_the_check_is_for_the_campaign_it_was_learned_for() -> None:
    campaign = load_campaign(ROOT / "campaigns" / "quang-nam-2024.yaml")
    knowledge = Knowledge.build(campaign)
    learned = off_topic.model()
    assert learned is not None and learned.campaign == campaign.key
    for asked in CAUGHT:
        read = knowledge.read(asked)
        best = knowledge.search(read)[0]
        assert off_topic.likely(read, best, campaign.key), asked
        assert not off_topic.likely(read, best, "another-campaign-2030"), asked
    read = knowledge.read("Hạn đăng ký giao ước thi đua là ngày nào?")
    assert not off_topic.likely(read, knowledge.search(read)[0], campaign.key)


def test_a_probability_is_computed_as_the_model_was_learned() -> None:
    """Sublinear counts times idf, normalised to length 1, through the logistic function."""
    model = off_topic.Model(
        "c", {"a": (2.0, 1.5), "b": (1.0, -0.5)}, intercept=-0.25, threshold=0.9
    )
    a, b = (1 + math.log(2)) * 2.0, 1.0  # "a" twice, "b" once; "z" is no term of the model
    norm = math.hypot(a, b)
    z = -0.25 + (a * 1.5 - b * 0.5) / norm
    assert math.isclose(model.probability(["a", "b", "a", "z"]), 1 / (1 + math.exp(-z)))
    assert math.isclose(model.probability(["z"]), 1 / (1 + math.exp(0.25)))  # nothing known


def test_the_check_was_learned_from_the_development_questions_as_they_are() -> None:
    """Every development question file (bench/qa_dev*.yaml, bench/qa_check6.yaml) and the
    first set: a question added, changed or relabelled means learning again."""
    asked = [(q, False) for q, _ in [*VIETNAMESE, *ENGLISH]] + [(q, True) for q in OFF_TOPIC]
    files = [*(ROOT / "bench").glob("qa_dev*.yaml"), ROOT / "bench" / "qa_check6.yaml"]
    for path in files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            asked.append((str(item["ask"]), item["class"] == "off_topic"))
    learned = off_topic.model()
    assert learned is not None
    assert learned.learned_from == off_topic.fingerprint(asked), "run make off-topic-model"
