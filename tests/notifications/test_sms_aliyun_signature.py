"""The HMAC-SHA1 v1.0 signature of Alibaba Cloud's RPC API, checked against the provider's published examples."""

from govhall.notifications.sms_aliyun import (
    canonicalized_query,
    percent_encode,
    rpc_signature,
    send_sms_params,
    string_to_sign,
)

# The SendSms example in Alibaba Cloud's SMS documentation ("HTTP协议及签名").
SMS_DOC_PARAMS = {
    "AccessKeyId": "testId",
    "Action": "SendSms",
    "Format": "XML",
    "OutId": "123",
    "PhoneNumbers": "15300000001",
    "RegionId": "cn-hangzhou",
    "SignName": "阿里云短信测试专用",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
    "SignatureVersion": "1.0",
    "TemplateCode": "SMS_71390007",
    "TemplateParam": '{"customer":"test"}',
    "Timestamp": "2017-07-12T02:42:19Z",
    "Version": "2017-05-25",
}


def test_signature_matches_the_sms_documentation_example():
    assert rpc_signature(SMS_DOC_PARAMS, "testSecret", method="GET") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


def test_signature_matches_the_rpc_documentation_example():
    params = {
        "Format": "XML",
        "AccessKeyId": "testid",
        "Action": "DescribeRegions",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "SignatureVersion": "1.0",
        "Version": "2014-05-26",
        "Timestamp": "2016-02-23T12:46:24Z",
    }
    assert rpc_signature(params, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


def test_string_to_sign_encodes_the_canonical_query_twice():
    expected_start = "GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML"
    assert string_to_sign("GET", SMS_DOC_PARAMS).startswith(expected_start)
    assert "SignName%3D%25E9%2598%25BF" in string_to_sign("GET", SMS_DOC_PARAMS)
    assert "Timestamp%3D2017-07-12T02%253A42%253A19Z" in string_to_sign("GET", SMS_DOC_PARAMS)


def test_percent_encoding_follows_the_provider_rules():
    assert percent_encode("a b") == "a%20b"
    assert percent_encode("*") == "%2A"
    assert percent_encode("~-_.") == "~-_."
    assert percent_encode("/=&+") == "%2F%3D%26%2B"
    assert percent_encode("验") == "%E9%AA%8C"


def test_canonical_query_is_sorted_and_leaves_out_the_signature():
    assert canonicalized_query({"b": "2", "Signature": "x", "a": "1 1"}) == "a=1%201&b=2"


def test_the_method_is_part_of_the_signature():
    assert rpc_signature(SMS_DOC_PARAMS, "testSecret", method="POST") != rpc_signature(
        SMS_DOC_PARAMS, "testSecret", method="GET"
    )


def test_send_sms_params_are_complete_and_signed():
    params = send_sms_params(
        access_key_id="id",
        secret="secret",
        phone_numbers="13800138000",
        sign_name="福建省网上办事大厅",
        template_code="SMS_1",
        template_param={"code": "123456", "minutes": "5"},
    )
    assert params["Action"] == "SendSms"
    assert params["Version"] == "2017-05-25"
    assert params["SignatureMethod"] == "HMAC-SHA1"
    assert params["SignatureVersion"] == "1.0"
    assert params["Format"] == "JSON"
    assert params["TemplateParam"] == '{"code":"123456","minutes":"5"}'
    assert params["Signature"] == rpc_signature(params, "secret", method="POST")
